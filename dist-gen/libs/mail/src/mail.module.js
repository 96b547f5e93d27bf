"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.MailModule = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const email_composer_1 = require("./compose/email-composer");
const email_delivery_entity_1 = require("./ledger/email-delivery.entity");
const email_ledger_1 = require("./ledger/email-ledger");
// Global so each domain's composers can register with the one registry without importing MailModule twice.
let MailModule = class MailModule {
};
exports.MailModule = MailModule;
exports.MailModule = MailModule = __decorate([
    (0, common_1.Global)(),
    (0, common_1.Module)({
        imports: [typeorm_1.TypeOrmModule.forFeature([email_delivery_entity_1.EmailDelivery])],
        providers: [email_ledger_1.EmailLedger, email_composer_1.EmailComposerRegistry],
        exports: [email_ledger_1.EmailLedger, email_composer_1.EmailComposerRegistry],
    })
], MailModule);
