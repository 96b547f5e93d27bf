"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.QUEUE_OF_JOB = exports.JobName = exports.QueueName = void 0;
/**
 * The queue contract shared by the API and the worker.
 * Values are persisted in Redis: never rename one without a migration plan.
 */
var QueueName;
(function (QueueName) {
    QueueName["Email"] = "email";
    QueueName["Maintenance"] = "maintenance";
})(QueueName || (exports.QueueName = QueueName = {}));
var JobName;
(function (JobName) {
    /** Render and send one row of the email ledger. */
    JobName["SendEmail"] = "send-email";
    /** Re-enqueue ledger rows still pending, so a lost Redis loses no email. */
    JobName["ReconcileEmails"] = "reconcile-emails";
})(JobName || (exports.JobName = JobName = {}));
exports.QUEUE_OF_JOB = {
    [JobName.SendEmail]: QueueName.Email,
    [JobName.ReconcileEmails]: QueueName.Maintenance,
};
