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
exports.ConfigError = exports.AppConfig = void 0;
exports.loadConfig = loadConfig;
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const toBoolean = ({ value }) => typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase()) : value;
/** Used only outside production, so a fresh clone starts without any setup. */
const DEV_JWT_SECRET = 'dev-only-secret-change-me-in-production-0000';
/**
 * Every setting the platform reads, validated once at boot. README.md documents each variable;
 * nothing else in the code base reads process.env.
 */
class AppConfig {
    constructor() {
        this.NODE_ENV = 'development';
        this.PORT = 3000;
        /** Base URL people reach the API at; used for links in emails. */
        this.PUBLIC_URL = 'http://localhost:3000';
        this.DATABASE_URL = 'postgres://postgres@localhost:5432/commonplace';
        this.DATABASE_POOL_SIZE = 10;
        this.REDIS_URL = 'redis://localhost:6379';
        /** Prefix of every Redis key (queues, rate limits), so several deployments or test runs can share a server. */
        this.REDIS_PREFIX = 'cp';
        this.JWT_SECRET = DEV_JWT_SECRET;
        this.ACCESS_TOKEN_TTL_SECONDS = 900;
        this.REFRESH_TOKEN_TTL_DAYS = 30;
        /** scrypt cost (N). 2^15 uses 32 MiB per hash: memory-hard, about 50-100 ms here. */
        this.SCRYPT_COST = 32768;
        this.MAIL_FROM_ADDRESS = 'no-reply@commonplace.localhost';
        this.MAIL_FROM_NAME = 'Commonplace';
        this.MAIL_DIR = 'var/mail';
        this.MAIL_RATE_PER_SECOND = 50;
        this.LOG_LEVEL = 'info';
        this.BODY_LIMIT = '100kb';
        this.TRUST_PROXY = false;
        this.RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE = 30;
        this.RATE_LIMIT_LOGIN_PER_EMAIL_PER_15_MINUTES = 10;
        this.RATE_LIMIT_REGISTER_PER_IP_PER_HOUR = 20;
        this.RATE_LIMIT_MAIL_PER_EMAIL_PER_HOUR = 5;
        this.SEED_DEMO = true;
    }
    get isProduction() {
        return this.NODE_ENV === 'production';
    }
}
exports.AppConfig = AppConfig;
__decorate([
    (0, class_validator_1.IsIn)(['development', 'test', 'production']),
    __metadata("design:type", String)
], AppConfig.prototype, "NODE_ENV", void 0);
__decorate([
    (0, class_transformer_1.Type)(() => Number),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(65535),
    __metadata("design:type", Object)
], AppConfig.prototype, "PORT", void 0);
__decorate([
    (0, class_validator_1.Matches)(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'PUBLIC_URL must be an http(s) URL' }),
    __metadata("design:type", Object)
], AppConfig.prototype, "PUBLIC_URL", void 0);
__decorate([
    (0, class_validator_1.Matches)(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' }),
    __metadata("design:type", Object)
], AppConfig.prototype, "DATABASE_URL", void 0);
__decorate([
    (0, class_transformer_1.Type)(() => Number),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(200),
    __metadata("design:type", Object)
], AppConfig.prototype, "DATABASE_POOL_SIZE", void 0);
__decorate([
    (0, class_validator_1.Matches)(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' }),
    __metadata("design:type", Object)
], AppConfig.prototype, "REDIS_URL", void 0);
__decorate([
    (0, class_validator_1.Matches)(/^[A-Za-z0-9_-]{1,64}$/, { message: 'REDIS_PREFIX must be 1-64 letters, digits, _ or -' }),
    __metadata("design:type", Object)
], AppConfig.prototype, "REDIS_PREFIX", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MinLength)(32),
    __metadata("design:type", Object)
], AppConfig.prototype, "JWT_SECRET", void 0);
__decorate([
    (0, class_transformer_1.Type)(() => Number),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(60),
    (0, class_validator_1.Max)(86400),
    __metadata("design:type", Object)
], AppConfig.prototype, "ACCESS_TOKEN_TTL_SECONDS", void 0);
__decorate([
    (0, class_transformer_1.Type)(() => Number),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(365),
    __metadata("design:type", Object)
], AppConfig.prototype, "REFRESH_TOKEN_TTL_DAYS", void 0);
__decorate([
    (0, class_transformer_1.Type)(() => Number),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1024),
    (0, class_validator_1.Max)(1048576),
    __metadata("design:type", Object)
], AppConfig.prototype, "SCRYPT_COST", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.Matches)(/^smtps?:\/\//, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' }),
    __metadata("design:type", String)
], AppConfig.prototype, "SMTP_URL", void 0);
__decorate([
    (0, class_validator_1.IsEmail)(),
    __metadata("design:type", Object)
], AppConfig.prototype, "MAIL_FROM_ADDRESS", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    __metadata("design:type", Object)
], AppConfig.prototype, "MAIL_FROM_NAME", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    __metadata("design:type", Object)
], AppConfig.prototype, "MAIL_DIR", void 0);
__decorate([
    (0, class_transformer_1.Type)(() => Number),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(10000),
    __metadata("design:type", Object)
], AppConfig.prototype, "MAIL_RATE_PER_SECOND", void 0);
__decorate([
    (0, class_validator_1.IsIn)(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    __metadata("design:type", Object)
], AppConfig.prototype, "LOG_LEVEL", void 0);
__decorate([
    (0, class_validator_1.Matches)(/^\d+(b|kb|mb)$/, { message: 'BODY_LIMIT must look like 100kb' }),
    __metadata("design:type", Object)
], AppConfig.prototype, "BODY_LIMIT", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toBoolean),
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Object)
], AppConfig.prototype, "TRUST_PROXY", void 0);
__decorate([
    (0, class_transformer_1.Type)(() => Number),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    __metadata("design:type", Object)
], AppConfig.prototype, "RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE", void 0);
__decorate([
    (0, class_transformer_1.Type)(() => Number),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    __metadata("design:type", Object)
], AppConfig.prototype, "RATE_LIMIT_LOGIN_PER_EMAIL_PER_15_MINUTES", void 0);
__decorate([
    (0, class_transformer_1.Type)(() => Number),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    __metadata("design:type", Object)
], AppConfig.prototype, "RATE_LIMIT_REGISTER_PER_IP_PER_HOUR", void 0);
__decorate([
    (0, class_transformer_1.Type)(() => Number),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    __metadata("design:type", Object)
], AppConfig.prototype, "RATE_LIMIT_MAIL_PER_EMAIL_PER_HOUR", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toBoolean),
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Object)
], AppConfig.prototype, "SEED_DEMO", void 0);
class ConfigError extends Error {
    constructor() {
        super(...arguments);
        this.name = 'ConfigError';
    }
}
exports.ConfigError = ConfigError;
/** Reads and validates settings from an environment-like object; throws one error naming every bad variable. */
function loadConfig(env) {
    const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
    const config = (0, class_transformer_1.plainToInstance)(AppConfig, defined, { excludeExtraneousValues: false });
    const errors = (0, class_validator_1.validateSync)(config, { whitelist: false });
    const problems = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`);
    if (config.isProduction && config.JWT_SECRET === DEV_JWT_SECRET) {
        problems.push('JWT_SECRET: must be set to a secret of at least 32 characters in production');
    }
    if (problems.length > 0) {
        throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    }
    // plainToInstance copies every env var onto the instance; keep only the declared settings.
    const clean = new AppConfig();
    for (const key of Object.keys(clean)) {
        clean[key] = config[key];
    }
    if (config.SMTP_URL)
        clean.SMTP_URL = config.SMTP_URL;
    return clean;
}
