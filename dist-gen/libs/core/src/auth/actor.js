"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isAdmin = exports.PlatformRole = void 0;
var PlatformRole;
(function (PlatformRole) {
    PlatformRole["Admin"] = "admin";
    PlatformRole["User"] = "user";
})(PlatformRole || (exports.PlatformRole = PlatformRole = {}));
const isAdmin = (actor) => actor.role === PlatformRole.Admin;
exports.isAdmin = isAdmin;
