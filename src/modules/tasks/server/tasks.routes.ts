import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../../../server/http/plugin';
import { CreateTaskInput, Task, TaskList, UpdateTaskInput } from '../contract';
import type { TasksService } from './tasks.service';

const IdParams = z.object({ id: z.uuid() });

export function taskRoutes(tasks: TasksService) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.post('/api/tasks', {
      config: { access: 'tasks.write' },
      schema: { tags: ['tasks'], summary: 'Create a follow-up task', body: CreateTaskInput, response: { 201: Task } },
    }, async (request, reply) => reply.status(201).send(await tasks.create(requestContext(request), request.body)));

    app.get('/api/tasks/mine', {
      config: { access: 'tasks.read' },
      schema: { tags: ['tasks'], summary: 'My open tasks, soonest due first (overdue flagged)', response: { 200: TaskList } },
    }, async (request) => ({ items: await tasks.listMine(requestContext(request)) }));

    app.get('/api/people/:id/tasks', {
      config: { access: 'tasks.read' },
      schema: { tags: ['tasks'], summary: "A person's tasks (audited)", params: IdParams, response: { 200: TaskList } },
    }, async (request) => ({ items: await tasks.listForPerson(requestContext(request), request.params.id) }));

    app.patch('/api/tasks/:id', {
      config: { access: 'tasks.write' },
      schema: { tags: ['tasks'], summary: 'Change or complete a task (send the version you edited; 409 if stale)', params: IdParams, body: UpdateTaskInput, response: { 200: Task } },
    }, async (request) => tasks.update(requestContext(request), request.params.id, request.body));
  };
}
