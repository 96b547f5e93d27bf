/** The API's own limits (its DTOs), checked in forms before a round trip so the field says so at once. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
