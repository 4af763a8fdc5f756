import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Address, Campaign, CampaignProgress, Commitment, CommitmentDetail, CommitmentStatus, CreateCampaignInput, CreateCommitmentInput, CreateFundInput,
  CreateGiftInput, CreateSupporterInput, DuplicateCandidate, DuplicateQuery, Fund, Gift, GiftList, GiftQuery, MergeInput, MergePreview, PostalLookup,
  RefundInput, Supporter, SupporterGiving, SupporterList, SupporterMerge, SupporterSearchQuery, UpdateCampaignInput, UpdateCommitmentInput,
  UpdateGiftInput, UpdateSupporterInput,
} from '../contract';
import { requestContext } from '../../../server/http/plugin';
import type { FundraisingService } from './fundraising.service';

const IdParams = z.object({ id: z.uuid() });
const tags = ['fundraising'];

/** Supporters, gifts, funds, campaigns and commitments. Thin: validate, authorise (config.access), call, present. */
export function fundraisingRoutes({ supporters, gifts }: FundraisingService) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    // --- Supporters ---
    app.get('/api/fundraising/supporters', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: 'Search supporters as you type: kanji, kana, romaji, email, phone, postal code or supporter number', querystring: SupporterSearchQuery, response: { 200: SupporterList } },
    }, async (request) => supporters.search(requestContext(request), request.query.q, request.query.limit, request.query.offset));

    app.post('/api/fundraising/supporters', {
      config: { access: 'fundraising.write' },
      schema: { tags, summary: 'Add a supporter (409 supporter.possible_duplicate while strong duplicates are not acknowledged)', body: CreateSupporterInput, response: { 201: Supporter } },
    }, async (request, reply) => reply.status(201).send(await supporters.create(requestContext(request), request.body)));

    app.post('/api/fundraising/supporters/duplicates', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: 'Existing supporters who may be this one (strong: email, phone, kana + postal code; possible: similar name in the same city)', body: DuplicateQuery, response: { 200: z.object({ candidates: z.array(DuplicateCandidate) }) } },
    }, async (request) => ({ candidates: await supporters.findDuplicates(requestContext(request), request.body) }));

    app.get('/api/fundraising/postal-codes/:code', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: 'Prefecture and city of a Japanese postal code (Japan Post data)', params: z.object({ code: z.string().max(20) }), response: { 200: PostalLookup } },
    }, async (request) => supporters.lookupPostalCode(request.params.code));

    app.get('/api/fundraising/supporters/:id', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: 'One supporter (audited)', params: IdParams, response: { 200: Supporter } },
    }, async (request) => supporters.get(requestContext(request), request.params.id));

    app.patch('/api/fundraising/supporters/:id', {
      config: { access: 'fundraising.write' },
      schema: { tags, summary: 'Change a supporter; a new address keeps the old one as history', params: IdParams, body: UpdateSupporterInput, response: { 200: Supporter } },
    }, async (request) => supporters.update(requestContext(request), request.params.id, request.body));

    app.get('/api/fundraising/supporters/:id/addresses', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: 'Every address of a supporter, newest first', params: IdParams, response: { 200: z.object({ addresses: z.array(Address) }) } },
    }, async (request) => ({ addresses: await supporters.addresses(requestContext(request), request.params.id) }));

    app.get('/api/fundraising/supporters/:id/giving', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: "A supporter's giving by year", params: IdParams, response: { 200: SupporterGiving } },
    }, async (request) => gifts.supporterGiving(requestContext(request), request.params.id));

    app.get('/api/fundraising/supporters/:id/merges', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: 'Merges this supporter took part in', params: IdParams, response: { 200: z.object({ merges: z.array(SupporterMerge) }) } },
    }, async (request) => ({ merges: await supporters.merges(requestContext(request), request.params.id) }));

    app.post('/api/fundraising/supporters/merge-preview', {
      config: { access: 'fundraising.write' },
      schema: { tags, summary: 'What merging two supporters would do', body: MergeInput, response: { 200: MergePreview } },
    }, async (request) => supporters.mergePreview(requestContext(request), request.body.keptId, request.body.mergedId));

    app.post('/api/fundraising/supporters/merge', {
      config: { access: 'fundraising.write' },
      schema: { tags, summary: 'Merge a duplicate supporter into the kept one (undoable)', body: MergeInput, response: { 200: SupporterMerge } },
    }, async (request) => supporters.merge(requestContext(request), request.body.keptId, request.body.mergedId));

    app.post('/api/fundraising/supporter-merges/:id/undo', {
      config: { access: 'fundraising.write' },
      schema: { tags, summary: 'Undo a merge of supporters', params: IdParams, response: { 200: SupporterMerge } },
    }, async (request) => supporters.undoMerge(requestContext(request), request.params.id));

    // --- Funds ---
    app.get('/api/fundraising/funds', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: 'Funds (designations) a gift may go to', response: { 200: z.object({ funds: z.array(Fund) }) } },
    }, async (request) => ({ funds: await gifts.listFunds(requestContext(request)) }));

    app.post('/api/fundraising/funds', {
      config: { access: 'fundraising.manage' },
      schema: { tags, summary: 'Add a fund', body: CreateFundInput, response: { 201: Fund } },
    }, async (request, reply) => reply.status(201).send(await gifts.createFund(requestContext(request), request.body)));

    // --- Campaigns ---
    app.get('/api/fundraising/campaigns', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: 'Campaigns, newest first', querystring: z.object({ includeArchived: z.enum(['true', 'false']).optional() }), response: { 200: z.object({ campaigns: z.array(Campaign) }) } },
    }, async (request) => ({ campaigns: await gifts.listCampaigns(requestContext(request), request.query.includeArchived === 'true') }));

    app.post('/api/fundraising/campaigns', {
      config: { access: 'fundraising.write' },
      schema: { tags, summary: 'Start a campaign', body: CreateCampaignInput, response: { 201: Campaign } },
    }, async (request, reply) => reply.status(201).send(await gifts.createCampaign(requestContext(request), request.body)));

    app.patch('/api/fundraising/campaigns/:id', {
      config: { access: 'fundraising.write' },
      schema: { tags, summary: 'Change or archive a campaign', params: IdParams, body: UpdateCampaignInput, response: { 200: Campaign } },
    }, async (request) => gifts.updateCampaign(requestContext(request), request.params.id, request.body));

    app.get('/api/fundraising/campaigns/:id/progress', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: 'Raised against the goal, donors, average gift, new donors, and the running total', params: IdParams, response: { 200: CampaignProgress } },
    }, async (request) => gifts.campaignProgress(requestContext(request), request.params.id));

    // --- Gifts ---
    app.get('/api/fundraising/gifts', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: 'Gifts by supporter, campaign, status or period; unthanked=true for the thank-you queue', querystring: GiftQuery, response: { 200: GiftList } },
    }, async (request) => gifts.listGifts(requestContext(request), request.query));

    app.post('/api/fundraising/gifts', {
      config: { access: 'fundraising.write' },
      schema: { tags, summary: 'Record a gift or a pledge (integer yen; an external id is unique per platform)', body: CreateGiftInput, response: { 201: Gift } },
    }, async (request, reply) => reply.status(201).send(await gifts.createGift(requestContext(request), request.body)));

    app.post('/api/fundraising/gifts/thanked', {
      config: { access: 'fundraising.write' },
      schema: { tags, summary: 'Mark gifts as thanked', body: z.strictObject({ ids: z.array(z.uuid()).min(1).max(500) }), response: { 200: z.object({ thanked: z.number().int() }) } },
    }, async (request) => ({ thanked: await gifts.markThanked(requestContext(request), request.body.ids) }));

    app.get('/api/fundraising/gifts/:id', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: 'One gift (audited)', params: IdParams, response: { 200: Gift } },
    }, async (request) => gifts.getGift(requestContext(request), request.params.id));

    app.patch('/api/fundraising/gifts/:id', {
      config: { access: 'fundraising.write' },
      schema: { tags, summary: 'Correct a gift, or confirm a pledge as received or failed', params: IdParams, body: UpdateGiftInput, response: { 200: Gift } },
    }, async (request) => gifts.updateGift(requestContext(request), request.params.id, request.body));

    app.post('/api/fundraising/gifts/:id/refund', {
      config: { access: 'fundraising.write' },
      schema: { tags, summary: 'Refund a gift: it is kept (refunded) and a reversing entry is added', params: IdParams, body: RefundInput, response: { 200: z.object({ gift: Gift, reversal: Gift }) } },
    }, async (request) => gifts.refundGift(requestContext(request), request.params.id, request.body));

    // --- Monthly and yearly giving ---
    app.get('/api/fundraising/commitments', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: 'Monthly and yearly commitments of a supporter, or by status', querystring: z.object({ supporterId: z.uuid().optional(), status: CommitmentStatus.optional() }), response: { 200: z.object({ commitments: z.array(Commitment) }) } },
    }, async (request) => ({ commitments: await gifts.listCommitments(requestContext(request), request.query) }));

    app.post('/api/fundraising/commitments', {
      config: { access: 'fundraising.write' },
      schema: { tags, summary: 'Start a monthly or yearly commitment', body: CreateCommitmentInput, response: { 201: Commitment } },
    }, async (request, reply) => reply.status(201).send(await gifts.createCommitment(requestContext(request), request.body)));

    app.get('/api/fundraising/commitments/:id', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: 'A commitment with its history (audited)', params: IdParams, response: { 200: CommitmentDetail } },
    }, async (request) => gifts.getCommitment(requestContext(request), request.params.id));

    app.patch('/api/fundraising/commitments/:id', {
      config: { access: 'fundraising.write' },
      schema: { tags, summary: 'Upgrade, downgrade, pause, mark failing, cancel (with a reason) or resume a commitment', params: IdParams, body: UpdateCommitmentInput, response: { 200: CommitmentDetail } },
    }, async (request) => gifts.updateCommitment(requestContext(request), request.params.id, request.body));
  };
}
