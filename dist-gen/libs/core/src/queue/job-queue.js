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
exports.JobQueue = exports.bullPrefix = void 0;
const common_1 = require("@nestjs/common");
const bullmq_1 = require("bullmq");
const app_config_1 = require("../config/app-config");
const jobs_1 = require("./jobs");
const bullPrefix = (config) => `${config.REDIS_PREFIX}:bull`;
exports.bullPrefix = bullPrefix;
/** Typed producer side of the queues. Job ids must not contain ':' nor be all digits (BullMQ). */
let JobQueue = class JobQueue {
    constructor(config) {
        this.config = config;
        this.queues = new Map();
    }
    async enqueue(name, data, options = {}) {
        await this.queue(jobs_1.QUEUE_OF_JOB[name]).add(name, data, {
            removeOnComplete: { age: 24 * 3600, count: 10_000 },
            removeOnFail: { age: 7 * 24 * 3600 },
            ...options,
        });
    }
    queue(name) {
        let queue = this.queues.get(name);
        if (!queue) {
            queue = new bullmq_1.Queue(name, {
                connection: { url: this.config.REDIS_URL, maxRetriesPerRequest: 2 },
                prefix: (0, exports.bullPrefix)(this.config),
            });
            this.queues.set(name, queue);
        }
        return queue;
    }
    async onApplicationShutdown() {
        await Promise.all([...this.queues.values()].map((q) => q.close()));
    }
};
exports.JobQueue = JobQueue;
exports.JobQueue = JobQueue = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [app_config_1.AppConfig])
], JobQueue);
