"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.LOCAL_TIME_PATTERN = void 0;
exports.isIanaTimeZone = isIanaTimeZone;
exports.IsIanaTimeZone = IsIanaTimeZone;
exports.minutesOfDay = minutesOfDay;
const luxon_1 = require("luxon");
const class_validator_1 = require("class-validator");
/** A zone name of the IANA database (e.g. "America/La_Paz"); offsets like "+02:00" are not zones. */
function isIanaTimeZone(value) {
    return (typeof value === 'string' &&
        value.length <= 64 &&
        (value === 'UTC' || /^[A-Za-z]+(?:[/_-][A-Za-z0-9+-]+)*$/.test(value)) &&
        luxon_1.IANAZone.isValidZone(value));
}
function IsIanaTimeZone(options) {
    return (target, propertyName) => (0, class_validator_1.registerDecorator)({
        name: 'isIanaTimeZone',
        target: target.constructor,
        propertyName: propertyName,
        options: { message: '$property must be an IANA time zone such as Europe/Berlin', ...options },
        validator: { validate: isIanaTimeZone },
    });
}
/** "HH:MM" on a 24-hour clock; "24:00" allowed where an end of day is meant. */
exports.LOCAL_TIME_PATTERN = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
function minutesOfDay(localTime) {
    const [h, m] = localTime.split(':').map(Number);
    return (h ?? 0) * 60 + (m ?? 0);
}
