"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SnakeNamingStrategy = void 0;
const typeorm_1 = require("typeorm");
const snake = (s) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
/** Maps `createdAt` to `created_at` so SQL written by hand reads like the schema. */
class SnakeNamingStrategy extends typeorm_1.DefaultNamingStrategy {
    tableName(targetName, userSpecifiedName) {
        return userSpecifiedName ?? snake(targetName);
    }
    columnName(propertyName, customName, embeddedPrefixes) {
        return snake(embeddedPrefixes.concat(customName ?? propertyName).join('_'));
    }
    relationName(propertyName) {
        return snake(propertyName);
    }
    joinColumnName(relationName, referencedColumnName) {
        return snake(`${relationName}_${referencedColumnName}`);
    }
    joinTableName(firstTableName, secondTableName, firstPropertyName) {
        return snake(`${firstTableName}_${firstPropertyName.replace(/\./g, '_')}_${secondTableName}`);
    }
    joinTableColumnName(tableName, propertyName, columnName) {
        return snake(`${tableName}_${columnName ?? propertyName}`);
    }
}
exports.SnakeNamingStrategy = SnakeNamingStrategy;
