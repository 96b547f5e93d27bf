"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.CoreModule = void 0;
const common_1 = require("@nestjs/common");
const clock_module_1 = require("./clock/clock.module");
const config_module_1 = require("./config/config.module");
const database_module_1 = require("./database/database.module");
const logging_module_1 = require("./logging/logging.module");
const queue_module_1 = require("./queue/queue.module");
const redis_module_1 = require("./redis/redis.module");
/** Everything both apps need before any domain: config, clock, logs, PostgreSQL, Redis, queues. */
let CoreModule = class CoreModule {
};
exports.CoreModule = CoreModule;
exports.CoreModule = CoreModule = __decorate([
    (0, common_1.Module)({
        imports: [config_module_1.ConfigModule, clock_module_1.ClockModule, logging_module_1.LoggingModule, database_module_1.DatabaseModule, redis_module_1.RedisModule, queue_module_1.QueueModule],
        exports: [config_module_1.ConfigModule, clock_module_1.ClockModule, logging_module_1.LoggingModule, database_module_1.DatabaseModule, redis_module_1.RedisModule, queue_module_1.QueueModule],
    })
], CoreModule);
