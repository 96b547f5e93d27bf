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
exports.PageMetaDto = exports.PageQueryDto = exports.MAX_PAGE_SIZE = void 0;
exports.encodeCursor = encodeCursor;
exports.decodeCursor = decodeCursor;
exports.toPage = toPage;
const swagger_1 = require("@nestjs/swagger");
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const domain_error_1 = require("../errors/domain-error");
exports.MAX_PAGE_SIZE = 100;
class PageQueryDto {
}
exports.PageQueryDto = PageQueryDto;
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ description: 'Opaque cursor from the previous page.' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(500),
    __metadata("design:type", String)
], PageQueryDto.prototype, "cursor", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ minimum: 1, maximum: exports.MAX_PAGE_SIZE, default: 20 }),
    (0, class_validator_1.IsOptional)(),
    (0, class_transformer_1.Type)(() => Number),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(exports.MAX_PAGE_SIZE),
    __metadata("design:type", Number)
], PageQueryDto.prototype, "limit", void 0);
function encodeCursor(position) {
    return Buffer.from(JSON.stringify([position.after, position.id])).toString('base64url');
}
function decodeCursor(cursor) {
    try {
        const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
        if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) {
            return { after: value[0], id: value[1] };
        }
    }
    catch {
        // fall through: any undecodable cursor is the client's mistake
    }
    throw new domain_error_1.InvalidInputError([{ field: 'cursor', message: 'cursor is not one this API issued' }]);
}
/** Builds a page from `limit + 1` rows fetched in keyset order. */
function toPage(rows, limit, positionOf) {
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(positionOf(last)) : null };
}
class PageMetaDto {
}
exports.PageMetaDto = PageMetaDto;
__decorate([
    (0, swagger_1.ApiProperty)({ nullable: true, type: String, description: 'Cursor of the next page, null on the last one.' }),
    __metadata("design:type", Object)
], PageMetaDto.prototype, "nextCursor", void 0);
