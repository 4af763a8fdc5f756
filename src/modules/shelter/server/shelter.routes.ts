import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../../../server/http/plugin';
import {
  Board, BedsQuery, CheckOutInput, CreateBedInput, CreateFacilityInput, CreatePaidLodgingInput, CreateRoomInput, CreateStayInput,
  CreateWaitingEntryInput, FacilityList, NightsInRange, NightsQuery, PaidLodging, PersonShelter, ShelterBed, ShelterFacility, ShelterRoom,
  Stay, SuitableBeds, UpdateBedInput, UpdateFacilityInput, UpdateRoomInput, UpdateStayInput, UpdateWaitingEntryInput, WaitingEntry, WaitingList,
} from '../contract';
import type { ShelterService } from './shelter.service';

const IdParams = z.object({ id: z.uuid() });
const tags = ['shelter'];

export function shelterRoutes(shelter: ShelterService) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    // ─── Facilities, rooms, beds ──────────────────────────────────────────────────────────────
    app.get('/api/shelter/facilities', {
      config: { access: 'shelter.read' },
      schema: { tags, summary: 'Facilities with their rooms and beds (retired ones included)', response: { 200: FacilityList } },
    }, async (request) => ({ items: await shelter.facilities(requestContext(request)) }));

    app.post('/api/shelter/facilities', {
      config: { access: 'shelter.manage' },
      schema: { tags, summary: 'Add a shelter facility', body: CreateFacilityInput, response: { 201: ShelterFacility } },
    }, async (request, reply) => reply.status(201).send(await shelter.createFacility(requestContext(request), request.body)));

    app.patch('/api/shelter/facilities/:id', {
      config: { access: 'shelter.manage' },
      schema: { tags, summary: 'Rename, reorder or retire a facility', params: IdParams, body: UpdateFacilityInput, response: { 200: ShelterFacility } },
    }, async (request) => shelter.updateFacility(requestContext(request), request.params.id, request.body));

    app.post('/api/shelter/rooms', {
      config: { access: 'shelter.manage' },
      schema: { tags, summary: 'Add a room (women, families, men or any)', body: CreateRoomInput, response: { 201: ShelterRoom } },
    }, async (request, reply) => reply.status(201).send(await shelter.createRoom(requestContext(request), request.body)));

    app.patch('/api/shelter/rooms/:id', {
      config: { access: 'shelter.manage' },
      schema: { tags, summary: 'Rename a room, change who may use it, or retire it', params: IdParams, body: UpdateRoomInput, response: { 200: ShelterRoom } },
    }, async (request) => shelter.updateRoom(requestContext(request), request.params.id, request.body));

    app.post('/api/shelter/beds', {
      config: { access: 'shelter.manage' },
      schema: { tags, summary: 'Add a bed to a room', body: CreateBedInput, response: { 201: ShelterBed } },
    }, async (request, reply) => reply.status(201).send(await shelter.createBed(requestContext(request), request.body)));

    app.patch('/api/shelter/beds/:id', {
      config: { access: 'shelter.manage' },
      schema: { tags, summary: 'Relabel or retire a bed', params: IdParams, body: UpdateBedInput, response: { 200: ShelterBed } },
    }, async (request) => shelter.updateBed(requestContext(request), request.params.id, request.body));

    // ─── Occupancy board and stays ────────────────────────────────────────────────────────────
    app.get('/api/shelter/beds', {
      config: { access: 'shelter.read' },
      schema: {
        tags,
        summary: 'The occupancy board: every active bed and who is in it on a night (default tonight, Tokyo)',
        description: 'A bed is occupied by a stay covering the night, or by an open stay whose expected check-out has passed (isOverdue).',
        querystring: BedsQuery,
        response: { 200: Board },
      },
    }, async (request) => shelter.board(requestContext(request), request.query.on));

    app.post('/api/shelter/stays', {
      config: { access: 'shelter.write' },
      schema: {
        tags,
        summary: 'Put a person in a bed (409 bed.occupied, stay.person_already_housed or bed.use_mismatch)',
        description: 'With waitingEntryId, the waiting-list entry is closed as housed in the same transaction.',
        body: CreateStayInput,
        response: { 201: Stay },
      },
    }, async (request, reply) => reply.status(201).send(await shelter.createStay(requestContext(request), request.body)));

    app.post('/api/shelter/stays/:id/check-out', {
      config: { access: 'shelter.write' },
      schema: { tags, summary: 'Check a person out (default today)', params: IdParams, body: CheckOutInput.nullish(), response: { 200: Stay } },
    }, async (request) => shelter.checkOut(requestContext(request), request.params.id, request.body ?? {}));

    app.patch('/api/shelter/stays/:id', {
      config: { access: 'shelter.write' },
      schema: { tags, summary: 'Extend or shorten an open stay', params: IdParams, body: UpdateStayInput, response: { 200: Stay } },
    }, async (request) => shelter.updateStay(requestContext(request), request.params.id, request.body));

    // ─── Paid lodging, per person, totals ─────────────────────────────────────────────────────
    app.post('/api/shelter/paid-lodging', {
      config: { access: 'shelter.write' },
      schema: { tags, summary: 'Record paid lodging nights (hotel, internet café)', body: CreatePaidLodgingInput, response: { 201: PaidLodging } },
    }, async (request, reply) => reply.status(201).send(await shelter.createPaidLodging(requestContext(request), request.body)));

    app.get('/api/people/:id/shelter', {
      config: { access: 'shelter.read' },
      schema: { tags, summary: "A person's stays, paid lodging, nights provided and waiting-list entry (audited)", params: IdParams, response: { 200: PersonShelter } },
    }, async (request) => shelter.forPerson(requestContext(request), request.params.id));

    app.get('/api/shelter/nights', {
      config: { access: 'shelter.read' },
      schema: {
        tags,
        summary: 'Nights provided in a date range (shelter nights already slept + paid lodging nights)',
        querystring: NightsQuery,
        response: { 200: NightsInRange },
      },
    }, async (request) => shelter.nights(requestContext(request), request.query.from, request.query.to));

    // ─── Waiting list ─────────────────────────────────────────────────────────────────────────
    app.get('/api/shelter/waiting-list', {
      config: { access: 'shelter.read' },
      schema: { tags, summary: 'Open waiting-list entries, highest priority first', response: { 200: WaitingList } },
    }, async (request) => ({ items: await shelter.waitingList(requestContext(request)) }));

    app.post('/api/shelter/waiting-list', {
      config: { access: 'shelter.write' },
      schema: { tags, summary: 'List a person for a shelter bed (409 waiting.already_listed)', body: CreateWaitingEntryInput, response: { 201: WaitingEntry } },
    }, async (request, reply) => reply.status(201).send(await shelter.addToWaitingList(requestContext(request), request.body)));

    app.patch('/api/shelter/waiting-list/:id', {
      config: { access: 'shelter.write' },
      schema: { tags, summary: "Update an entry's facts, or withdraw it with a reason", params: IdParams, body: UpdateWaitingEntryInput, response: { 200: WaitingEntry } },
    }, async (request) => shelter.updateWaitingEntry(requestContext(request), request.params.id, request.body));

    app.get('/api/shelter/waiting-list/:id/beds', {
      config: { access: 'shelter.read' },
      schema: { tags, summary: "Free beds tonight that suit the entry's needs, best first", params: IdParams, response: { 200: SuitableBeds } },
    }, async (request) => shelter.suitableBeds(requestContext(request), request.params.id));
  };
}
