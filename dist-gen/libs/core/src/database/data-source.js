"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
require("reflect-metadata");
const typeorm_1 = require("typeorm");
const app_config_1 = require("../config/app-config");
const database_options_1 = require("./database-options");
/** The data source of the TypeORM CLI (`npm run migration:*`). */
exports.default = new typeorm_1.DataSource({ ...(0, database_options_1.databaseOptions)((0, app_config_1.loadConfig)(process.env)), entities: [database_options_1.ENTITY_GLOB] });
