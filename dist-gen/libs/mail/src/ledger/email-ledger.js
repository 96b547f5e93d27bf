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
var EmailLedger_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.EmailLedger = exports.sendEmailJobId = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("../../../core/src/index.js");
const email_delivery_entity_1 = require("./email-delivery.entity");
/** BullMQ job id of a delivery: deterministic, so enqueuing twice makes one job. */
const sendEmailJobId = (deliveryId) => `email-${deliveryId}`;
exports.sendEmailJobId = sendEmailJobId;
/** Records emails that should exist, inside the caller's transaction, and hands them to the worker. */
let EmailLedger = EmailLedger_1 = class EmailLedger {
    constructor(clock, jobs) {
        this.clock = clock;
        this.jobs = jobs;
        this.logger = new common_1.Logger(EmailLedger_1.name);
    }
    /**
     * Adds a ledger row unless one with the same dedupe key exists. Call inside the transaction that makes the
     * email necessary, then `enqueue` the returned id after commit.
     */
    async request(manager, email) {
        const inserted = await manager
            .createQueryBuilder()
            .insert()
            .into(email_delivery_entity_1.EmailDelivery)
            .values({
            kind: email.kind,
            dedupeKey: email.dedupeKey,
            userId: email.userId,
            toAddress: email.to,
            locale: email.locale,
            payload: () => ':payload',
            status: email_delivery_entity_1.DeliveryStatus.Pending,
            nextAttemptAt: email.notBefore ?? this.clock.now(),
        })
            .setParameter('payload', JSON.stringify(email.payload ?? {}))
            .orIgnore()
            .returning(['id'])
            .execute();
        const row = inserted.raw;
        if (row[0])
            return { id: row[0].id, created: true };
        const existing = await manager.findOneOrFail(email_delivery_entity_1.EmailDelivery, { where: { dedupeKey: email.dedupeKey }, select: { id: true } });
        return { id: existing.id, created: false };
    }
    /**
     * Hands committed rows to the worker. If Redis is unreachable the rows stay pending and the reconciler
     * enqueues them later, so a failure here is logged, not thrown: the caller's change has already committed.
     */
    async enqueue(deliveryIds) {
        for (const deliveryId of deliveryIds) {
            try {
                await this.jobs.enqueue(core_1.JobName.SendEmail, { deliveryId }, { jobId: (0, exports.sendEmailJobId)(deliveryId) });
            }
            catch (error) {
                this.logger.warn({ deliveryId, err: error }, 'could not enqueue email; the reconciler will retry');
            }
        }
    }
};
exports.EmailLedger = EmailLedger;
exports.EmailLedger = EmailLedger = EmailLedger_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [core_1.Clock,
        core_1.JobQueue])
], EmailLedger);
