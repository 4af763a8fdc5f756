import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../web/api';
import type { WinterBoard } from '../contract';

/** The winter board, fresh on every visit and every minute while it is on screen (it hangs on the office wall). */
export const winterBoardQuery = queryOptions({
  queryKey: ['winter', 'board'],
  queryFn: () => api<WinterBoard>('/api/winter-board'),
  staleTime: 0,
  refetchInterval: 60_000,
});
