"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.LoggingModule = void 0;
const node_crypto_1 = require("node:crypto");
const common_1 = require("@nestjs/common");
const nestjs_pino_1 = require("nestjs-pino");
const app_config_1 = require("../config/app-config");
const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;
/** A caller's X-Request-Id when it is safe to echo, otherwise a fresh one; sent back on every response. */
function requestId(req, res) {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : (0, node_crypto_1.randomUUID)();
    res.setHeader('X-Request-Id', id);
    return id;
}
/** Paths without their query string: tokens and emails must never reach the logs. */
const pathOnly = (url) => (url ?? '').split('?')[0] ?? '';
/** pino JSON logs, one line per event, carrying requestId; no bodies, headers or query strings. */
let LoggingModule = class LoggingModule {
};
exports.LoggingModule = LoggingModule;
exports.LoggingModule = LoggingModule = __decorate([
    (0, common_1.Module)({
        imports: [
            nestjs_pino_1.LoggerModule.forRootAsync({
                inject: [app_config_1.AppConfig],
                useFactory: (config) => ({
                    pinoHttp: {
                        level: config.LOG_LEVEL,
                        genReqId: requestId,
                        customAttributeKeys: { reqId: 'requestId' },
                        serializers: {
                            req: (req) => ({ method: req.method, path: pathOnly(req.url) }),
                            res: (res) => ({ statusCode: res.statusCode }),
                        },
                        // Health probes run every few seconds; their lines would drown the rest.
                        autoLogging: { ignore: (req) => pathOnly(req.url).startsWith('/health') },
                    },
                }),
            }),
        ],
        exports: [nestjs_pino_1.LoggerModule],
    })
], LoggingModule);
