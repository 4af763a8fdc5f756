import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../../../server/http/plugin';
import {
  BudgetLine, BudgetLineList, BudgetLinesQuery, BudgetMonth, BudgetMonthQuery, CreateBudgetLineInput, MonthAmount, MonthParams,
  SetMonthAmountInput, Spending, SpendingQuery, UpdateBudgetLineInput,
} from '../contract';
import type { BudgetsService } from './budgets.service';

const IdParams = z.object({ id: z.uuid() });

export function budgetRoutes(budgets: BudgetsService) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    // The aid form's picker needs this too: every role holding assistance.write also holds
    // budgets.read (migrations/0008), and access names one permission, so budgets.read it is.
    app.get('/api/budgets/lines', {
      config: { access: 'budgets.read' },
      schema: { tags: ['budgets'], summary: 'Budget lines (funds): active ones, or all with includeRetired=true', querystring: BudgetLinesQuery, response: { 200: BudgetLineList } },
    }, async (request) => ({ items: await budgets.listLines(requestContext(request), request.query) }));

    app.post('/api/budgets/lines', {
      config: { access: 'budgets.manage' },
      schema: { tags: ['budgets'], summary: 'Add a budget line with its monthly amount (yen)', body: CreateBudgetLineInput, response: { 201: BudgetLine } },
    }, async (request, reply) => reply.status(201).send(await budgets.createLine(requestContext(request), request.body)));

    app.patch('/api/budgets/lines/:id', {
      config: { access: 'budgets.manage' },
      schema: { tags: ['budgets'], summary: 'Rename a budget line, change its monthly amount, or retire it', params: IdParams, body: UpdateBudgetLineInput, response: { 200: BudgetLine } },
    }, async (request) => budgets.updateLine(requestContext(request), request.params.id, request.body));

    app.put('/api/budgets/lines/:id/months/:month', {
      config: { access: 'budgets.manage' },
      schema: {
        tags: ['budgets'],
        summary: "Set one month's amount of a budget line (null: back to the monthly amount)",
        params: MonthParams, body: SetMonthAmountInput, response: { 200: MonthAmount },
      },
    }, async (request) => budgets.setMonthAmount(requestContext(request), request.params.id, request.params.month, request.body));

    app.get('/api/budgets', {
      config: { access: 'budgets.read' },
      schema: {
        tags: ['budgets'],
        summary: 'Budget, spending and remainder per line for a month (default: this month in Tokyo)',
        description: 'Spending is aid with an amount (by the day given) plus paid lodging (by its first night). Lines overspent are flagged.',
        querystring: BudgetMonthQuery, response: { 200: BudgetMonth },
      },
    }, async (request) => budgets.month(requestContext(request), request.query.month));

    app.get('/api/budgets/spending', {
      config: { access: 'budgets.read' },
      schema: { tags: ['budgets'], summary: 'Budget and spending per line per month, from..to (YYYY-MM, at most 24 months)', querystring: SpendingQuery, response: { 200: Spending } },
    }, async (request) => budgets.spending(requestContext(request), request.query));
  };
}
