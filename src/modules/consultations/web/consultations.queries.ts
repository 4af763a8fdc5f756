import { api } from '../../../web/api';
import type { Consultation, CreateConsultationInput } from '../contract';

export function createConsultation(input: CreateConsultationInput) {
  return api<Consultation>('/api/consultations', { method: 'POST', body: input });
}
