import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../../../server/http/plugin';
import {
  CreateStockLocationInput, ListMovementsQuery, MovementList, MovementResult, RecordMovementInput, StockList, StockLocation,
  UpdateStockLocationInput,
} from '../contract';
import type { InventoryService } from './inventory.service';

export function inventoryRoutes(inventory: InventoryService) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get('/api/stock', {
      config: { access: 'stock.read' },
      schema: { tags: ['stock'], summary: 'Current stock per item, location and size', response: { 200: StockList } },
    }, async (request) => ({ items: await inventory.stock(requestContext(request)) }));

    app.get('/api/stock/low', {
      config: { access: 'stock.read' },
      schema: { tags: ['stock'], summary: 'Items at or below their low-stock threshold', response: { 200: StockList } },
    }, async (request) => ({ items: await inventory.lowStock(requestContext(request)) }));

    app.post('/api/stock/movements', {
      config: { access: 'stock.write' },
      schema: { tags: ['stock'], summary: 'Record goods received, a count adjustment or a transfer', body: RecordMovementInput, response: { 201: MovementResult } },
    }, async (request, reply) => reply.status(201).send(await inventory.recordMovement(requestContext(request), request.body)));

    app.get('/api/stock/movements', {
      config: { access: 'stock.read' },
      schema: { tags: ['stock'], summary: 'Stock movements, newest first', querystring: ListMovementsQuery, response: { 200: MovementList } },
    }, async (request) => ({ items: await inventory.movements(requestContext(request), request.query) }));

    app.get('/api/stock/locations', {
      config: { access: 'stock.read' },
      schema: { tags: ['stock'], summary: 'Stock locations', response: { 200: z.object({ items: z.array(StockLocation) }) } },
    }, async (request) => ({ items: await inventory.locations(requestContext(request)) }));

    app.post('/api/stock/locations', {
      config: { access: 'catalogue.manage' },
      schema: { tags: ['stock'], summary: 'Add a stock location', body: CreateStockLocationInput, response: { 201: StockLocation } },
    }, async (request, reply) => reply.status(201).send(await inventory.createLocation(requestContext(request), request.body)));

    app.patch('/api/stock/locations/:id', {
      config: { access: 'catalogue.manage' },
      schema: { tags: ['stock'], summary: 'Rename, retire or make default a stock location', params: z.object({ id: z.uuid() }), body: UpdateStockLocationInput, response: { 200: StockLocation } },
    }, async (request) => inventory.updateLocation(requestContext(request), request.params.id, request.body));
  };
}
