import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { databaseOptions, ENTITY_GLOB } from './database-options';

/** The data source of the TypeORM CLI (`npm run migration:*`). */
export default new DataSource({ ...databaseOptions(loadConfig(process.env)), entities: [ENTITY_GLOB] });
