/**
 * The systemic barriers an organisation starts with (../../../../shared/DOMAIN.md "Systemic
 * barriers"). They are data from then on: an administrator renames, merges, retires or adds.
 * `code` is stable (b01…b15); the suggestions of ./advocacy.suggestions.ts look seeded ones up by it.
 */
export const defaultBarriers: ReadonlyArray<{ code: string; labelJa: string; labelEn: string; descriptionJa: string; descriptionEn: string }> = [
  { code: 'b01', labelJa: '保護費の遅延・不支給', labelEn: 'Protection-allowance delay or denial', descriptionJa: '保護費の申請から決定まで長く待たされる、または支給されない。', descriptionEn: 'Long waits between applying for the protection allowance and a decision, or no allowance at all.' },
  { code: 'b02', labelJa: '住居喪失・シェルター不足', labelEn: 'Homelessness, shelter shortage', descriptionJa: '路上生活、ネットカフェ、シェルターの空きがない。', descriptionEn: 'Sleeping rough or in internet cafés; no shelter bed available.' },
  { code: 'b03', labelJa: '就労不許可', labelEn: 'No work permission', descriptionJa: '在留資格や指定書により働くことが認められていない。', descriptionEn: 'The residence status or designation paper does not allow work.' },
  { code: 'b04', labelJa: '無保険・医療アクセス', labelEn: 'Uninsured, no medical access', descriptionJa: '健康保険に入れず、必要な医療を受けられない。', descriptionEn: 'No health insurance; needed care cannot be reached.' },
  { code: 'b05', labelJa: '在留資格喪失', labelEn: 'Loss of residence status (short-stay expiry)', descriptionJa: '短期滞在の期限切れなどで在留資格を失う。', descriptionEn: 'Status lost, for example when a short-term stay expires.' },
  { code: 'b06', labelJa: '審査長期化', labelEn: 'Prolonged status determination', descriptionJa: '難民認定の審査が長期間に及ぶ。', descriptionEn: 'Refugee status determination takes years.' },
  { code: 'b07', labelJa: '厳格な認定基準', labelEn: 'Restrictive recognition standards', descriptionJa: '認定基準が厳しく、保護が必要な人が認定されない。', descriptionEn: 'Standards so strict that people in need of protection are not recognised.' },
  { code: 'b08', labelJa: '送還リスク', labelEn: 'Deportation risk (loss of suspensive effect)', descriptionJa: '3回目以降の申請で送還停止効がなくなる。', descriptionEn: 'From the third application there is no suspensive effect against removal.' },
  { code: 'b09', labelJa: '収容・仮放免・監理措置の制約', labelEn: 'Detention and release constraints', descriptionJa: '収容、仮放免や監理措置の条件（就労禁止、移動制限）。', descriptionEn: 'Detention, and the conditions of provisional release or supervision (no work, travel limits).' },
  { code: 'b10', labelJa: '言語・通訳の壁', labelEn: 'Language and interpretation gaps', descriptionJa: '本人の言語の通訳がなく、手続や相談が理解できない。', descriptionEn: 'No interpreter in the person\'s language for procedures or consultations.' },
  { code: 'b11', labelJa: '制度情報の不提供', labelEn: 'No information on entitlements', descriptionJa: '利用できる制度や権利について知らされていない。', descriptionEn: 'Not told of the support and rights they are entitled to.' },
  { code: 'b12', labelJa: '住民登録・自治体サービス排除', labelEn: 'Exclusion from resident registration and municipal services', descriptionJa: '住民登録ができず、自治体のサービスを受けられない。', descriptionEn: 'No resident registration, so no municipal services.' },
  { code: 'b13', labelJa: '精神保健アクセス', labelEn: 'Mental-health access', descriptionJa: '精神保健のケアにつながれない。', descriptionEn: 'Mental-health care cannot be reached.' },
  { code: 'b14', labelJa: '脆弱層への未対応', labelEn: 'Unmet needs of vulnerable groups', descriptionJa: '女性、子ども、妊娠中の人、LGBTQ、拷問サバイバーへの対応がない。', descriptionEn: 'Women, children, pregnancy, LGBTQ people and torture survivors without the care they need.' },
  { code: 'b15', labelJa: '法的代理不足', labelEn: 'Lack of legal representation', descriptionJa: '弁護士などの法的支援が得られない。', descriptionEn: 'No lawyer or legal aid for the procedure.' },
];

/** The barriers a suggestion points to, by seeded code. */
export const suggestedBarrierCodes = {
  allowance_wait: 'b01',
  rough_sleeping: 'b02',
  no_work_permission: 'b03',
  uninsured: 'b04',
  no_interpreter: 'b10',
} as const;
