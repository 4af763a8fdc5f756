import { QueryCache, QueryClient } from '@tanstack/react-query';
import { meKey } from '../modules/staff/web/staff.queries';
import { ApiError } from './api';

/** The one query client of the app. A 401 anywhere means the session ended: back to the login page. */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (error instanceof ApiError && error.status === 401 && query.queryKey[0] !== meKey[0]) {
          client.setQueryData(meKey, null);
        }
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        // Client errors (404, 403) will not change by asking again.
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      },
    },
  });
  return client;
}
