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
exports.NotificationPreferences = exports.DigestFrequency = void 0;
const typeorm_1 = require("typeorm");
const user_entity_1 = require("../users/user.entity");
var DigestFrequency;
(function (DigestFrequency) {
    DigestFrequency["Off"] = "off";
    DigestFrequency["Daily"] = "daily";
    DigestFrequency["Weekly"] = "weekly";
})(DigestFrequency || (exports.DigestFrequency = DigestFrequency = {}));
/** How and when a person wants to hear from us. Hours and minutes are in the user's own time zone. */
let NotificationPreferences = class NotificationPreferences {
};
exports.NotificationPreferences = NotificationPreferences;
__decorate([
    (0, typeorm_1.PrimaryColumn)('uuid'),
    __metadata("design:type", String)
], NotificationPreferences.prototype, "userId", void 0);
__decorate([
    (0, typeorm_1.OneToOne)(() => user_entity_1.User, { onDelete: 'CASCADE' }),
    (0, typeorm_1.JoinColumn)({ name: 'user_id' }),
    __metadata("design:type", user_entity_1.User)
], NotificationPreferences.prototype, "user", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 8, default: DigestFrequency.Daily }),
    __metadata("design:type", String)
], NotificationPreferences.prototype, "digest", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'smallint', default: 8 }),
    __metadata("design:type", Number)
], NotificationPreferences.prototype, "digestHour", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'smallint', default: 1 }),
    __metadata("design:type", Number)
], NotificationPreferences.prototype, "digestWeekday", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'boolean', default: true }),
    __metadata("design:type", Boolean)
], NotificationPreferences.prototype, "reminders", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'boolean', default: true }),
    __metadata("design:type", Boolean)
], NotificationPreferences.prototype, "reviewActivity", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'boolean', default: true }),
    __metadata("design:type", Boolean)
], NotificationPreferences.prototype, "announcements", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'boolean', default: true }),
    __metadata("design:type", Boolean)
], NotificationPreferences.prototype, "badges", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'smallint', nullable: true }),
    __metadata("design:type", Object)
], NotificationPreferences.prototype, "quietStartMinute", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'smallint', nullable: true }),
    __metadata("design:type", Object)
], NotificationPreferences.prototype, "quietEndMinute", void 0);
__decorate([
    (0, typeorm_1.UpdateDateColumn)({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], NotificationPreferences.prototype, "updatedAt", void 0);
exports.NotificationPreferences = NotificationPreferences = __decorate([
    (0, typeorm_1.Entity)('notification_preferences'),
    (0, typeorm_1.Check)('notification_preferences_digest_check', `digest IN ('off', 'daily', 'weekly')`),
    (0, typeorm_1.Check)('notification_preferences_hour_check', `digest_hour BETWEEN 0 AND 23`),
    (0, typeorm_1.Check)('notification_preferences_weekday_check', `digest_weekday BETWEEN 1 AND 7`),
    (0, typeorm_1.Check)('notification_preferences_quiet_hours_check', `(quiet_start_minute IS NULL) = (quiet_end_minute IS NULL)
   AND (quiet_start_minute IS NULL OR (quiet_start_minute BETWEEN 0 AND 1439 AND quiet_end_minute BETWEEN 0 AND 1439))`)
], NotificationPreferences);
