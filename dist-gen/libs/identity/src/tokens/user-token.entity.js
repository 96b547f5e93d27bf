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
exports.UserToken = exports.TokenPurpose = void 0;
const typeorm_1 = require("typeorm");
const user_entity_1 = require("../users/user.entity");
var TokenPurpose;
(function (TokenPurpose) {
    TokenPurpose["VerifyEmail"] = "verify_email";
    TokenPurpose["ResetPassword"] = "reset_password";
})(TokenPurpose || (exports.TokenPurpose = TokenPurpose = {}));
/** A single-use token sent by email. Only its SHA-256 is stored. */
let UserToken = class UserToken {
};
exports.UserToken = UserToken;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)('uuid'),
    __metadata("design:type", String)
], UserToken.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Index)('user_tokens_user_idx'),
    (0, typeorm_1.Column)({ type: 'uuid' }),
    __metadata("design:type", String)
], UserToken.prototype, "userId", void 0);
__decorate([
    (0, typeorm_1.ManyToOne)(() => user_entity_1.User, { onDelete: 'CASCADE' }),
    (0, typeorm_1.JoinColumn)({ name: 'user_id' }),
    __metadata("design:type", user_entity_1.User)
], UserToken.prototype, "user", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 32 }),
    __metadata("design:type", String)
], UserToken.prototype, "purpose", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'bytea', unique: true }),
    __metadata("design:type", Buffer)
], UserToken.prototype, "tokenHash", void 0);
__decorate([
    (0, typeorm_1.CreateDateColumn)({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], UserToken.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], UserToken.prototype, "expiresAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], UserToken.prototype, "usedAt", void 0);
exports.UserToken = UserToken = __decorate([
    (0, typeorm_1.Entity)('user_tokens'),
    (0, typeorm_1.Check)('user_tokens_purpose_check', `purpose IN ('verify_email', 'reset_password')`)
], UserToken);
