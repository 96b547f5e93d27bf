"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.EmailDelivery = exports.DeliveryStatus = void 0;
const typeorm_1 = require("typeorm");
var DeliveryStatus;
(function (DeliveryStatus) {
    /** Waiting to be sent (possibly after a back-off: see nextAttemptAt). */
    DeliveryStatus["Pending"] = "pending";
    /** Claimed by a worker until lockedUntil; a crashed worker's claim expires and the row is retried. */
    DeliveryStatus["Sending"] = "sending";
    DeliveryStatus["Sent"] = "sent";
    /** Nothing to send any more (the user was deleted, or the email no longer applies). */
    DeliveryStatus["Skipped"] = "skipped";
    /** Refused for good (5xx) or out of attempts. */
    DeliveryStatus["Failed"] = "failed";
})(DeliveryStatus || (exports.DeliveryStatus = DeliveryStatus = {}));
/**
 * The delivery ledger: one row per email that should exist. The unique dedupe key makes a second copy of the
 * same email impossible at the database, whatever the queue does.
 */
let EmailDelivery = class EmailDelivery {
};
exports.EmailDelivery = EmailDelivery;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)('uuid'),
    __metadata("design:type", String)
], EmailDelivery.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 300, unique: true }),
    __metadata("design:type", String)
], EmailDelivery.prototype, "dedupeKey", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 64 }),
    __metadata("design:type", String)
], EmailDelivery.prototype, "kind", void 0);
__decorate([
    (0, typeorm_1.Index)('email_deliveries_user_idx'),
    (0, typeorm_1.Column)({ type: 'uuid', nullable: true }),
    __metadata("design:type", Object)
], EmailDelivery.prototype, "userId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 254, nullable: true }),
    __metadata("design:type", Object)
], EmailDelivery.prototype, "toAddress", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 8 }),
    __metadata("design:type", String)
], EmailDelivery.prototype, "locale", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'jsonb', default: () => `'{}'::jsonb` }),
    __metadata("design:type", Object)
], EmailDelivery.prototype, "payload", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 16, default: DeliveryStatus.Pending }),
    __metadata("design:type", String)
], EmailDelivery.prototype, "status", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'integer', default: 0 }),
    __metadata("design:type", Number)
], EmailDelivery.prototype, "attempts", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], EmailDelivery.prototype, "nextAttemptAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], EmailDelivery.prototype, "lockedUntil", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 300, nullable: true }),
    __metadata("design:type", Object)
], EmailDelivery.prototype, "subject", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 300, nullable: true }),
    __metadata("design:type", Object)
], EmailDelivery.prototype, "messageId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], EmailDelivery.prototype, "lastResponse", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], EmailDelivery.prototype, "sentAt", void 0);
__decorate([
    (0, typeorm_1.CreateDateColumn)({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], EmailDelivery.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.UpdateDateColumn)({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], EmailDelivery.prototype, "updatedAt", void 0);
exports.EmailDelivery = EmailDelivery = __decorate([
    (0, typeorm_1.Entity)('email_deliveries'),
    (0, typeorm_1.Check)('email_deliveries_status_check', `status IN ('pending', 'sending', 'sent', 'skipped', 'failed')`),
    (0, typeorm_1.Index)('email_deliveries_due_idx', ['nextAttemptAt'], { where: `status IN ('pending', 'sending')` })
], EmailDelivery);
