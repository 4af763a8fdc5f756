import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, query } from '../../../web/api';
import type {
  Board, CheckOutInput, CreateBedInput, CreateFacilityInput, CreatePaidLodgingInput, CreateRoomInput, CreateStayInput, CreateWaitingEntryInput,
  FacilityList, PaidLodging, PersonShelter, ShelterBed, ShelterFacility, ShelterRoom, Stay, SuitableBeds, UpdateBedInput, UpdateFacilityInput,
  UpdateRoomInput, UpdateWaitingEntryInput, WaitingEntry, WaitingList,
} from '../contract';

export const shelterKey = ['shelter'] as const;

export const boardQuery = (on?: string) =>
  queryOptions({ queryKey: [...shelterKey, 'board', on ?? 'tonight'], queryFn: () => api<Board>(`/api/shelter/beds${query({ on })}`), staleTime: 15_000 });

export const waitingListQuery = () =>
  queryOptions({ queryKey: [...shelterKey, 'waiting'], queryFn: () => api<WaitingList>('/api/shelter/waiting-list'), staleTime: 15_000 });

export const suitableBedsQuery = (entryId: string) =>
  queryOptions({ queryKey: [...shelterKey, 'suitable', entryId], queryFn: () => api<SuitableBeds>(`/api/shelter/waiting-list/${entryId}/beds`), staleTime: 0 });

export const facilitiesQuery = () =>
  queryOptions({ queryKey: [...shelterKey, 'facilities'], queryFn: () => api<FacilityList>('/api/shelter/facilities'), staleTime: 60_000 });

export const personShelterQuery = (personId: string) =>
  queryOptions({ queryKey: [...shelterKey, 'person', personId], queryFn: () => api<PersonShelter>(`/api/people/${personId}/shelter`), staleTime: 30_000 });

/** After any shelter write: the board, the list, the person sections; a stay may change a person's housing. */
export async function refreshShelter(client: QueryClient) {
  await Promise.all([client.invalidateQueries({ queryKey: shelterKey }), client.invalidateQueries({ queryKey: ['people', 'one'] })]);
}

export const createStay = (input: CreateStayInput) => api<Stay>('/api/shelter/stays', { method: 'POST', body: input });
export const checkOut = (stayId: string, input: CheckOutInput) => api<Stay>(`/api/shelter/stays/${stayId}/check-out`, { method: 'POST', body: input });
export const createWaitingEntry = (input: CreateWaitingEntryInput) => api<WaitingEntry>('/api/shelter/waiting-list', { method: 'POST', body: input });
export const updateWaitingEntry = (id: string, input: UpdateWaitingEntryInput) => api<WaitingEntry>(`/api/shelter/waiting-list/${id}`, { method: 'PATCH', body: input });
export const createPaidLodging = (input: CreatePaidLodgingInput) => api<PaidLodging>('/api/shelter/paid-lodging', { method: 'POST', body: input });
export const createFacility = (input: CreateFacilityInput) => api<ShelterFacility>('/api/shelter/facilities', { method: 'POST', body: input });
export const updateFacility = (id: string, input: UpdateFacilityInput) => api<ShelterFacility>(`/api/shelter/facilities/${id}`, { method: 'PATCH', body: input });
export const createRoom = (input: CreateRoomInput) => api<ShelterRoom>('/api/shelter/rooms', { method: 'POST', body: input });
export const updateRoom = (id: string, input: UpdateRoomInput) => api<ShelterRoom>(`/api/shelter/rooms/${id}`, { method: 'PATCH', body: input });
export const createBed = (input: CreateBedInput) => api<ShelterBed>('/api/shelter/beds', { method: 'POST', body: input });
export const updateBed = (id: string, input: UpdateBedInput) => api<ShelterBed>(`/api/shelter/beds/${id}`, { method: 'PATCH', body: input });
