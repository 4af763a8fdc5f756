import type { DbOrTx } from '../../../server/db/database';
import { CreatePartnerInput } from '../../partners/contract';
import { insertPartner } from '../../partners/server/partners.repository';
import { partnerRow } from '../../partners/server/partners.service';

/**
 * The demo's directory of partners: the kinds of places the office refers people to, with
 * invented names (a real free/low-cost clinic, legal-aid office or ward office would be looked up,
 * not made up), real postal codes of central Tokyo and the languages and conditions that matter.
 */
export const DEMO_PARTNERS: Array<Partial<CreatePartnerInput> & Pick<CreatePartnerInput, 'kind' | 'nameJa'>> = [
  { kind: 'free_low_cost_clinic', nameJa: 'みなと済生診療所', nameEn: 'Minato Saisei Clinic', nameKana: 'ミナトサイセイシンリョウジョ', postalCode: '1080073', addressLine: '三田2-4-8', phone: '03-5555-0101', nearestStation: '田町駅', languages: ['en', 'fr'], openingHours: '月〜金 9:00–17:00（受付 16:30 まで）', cost: 'free', costNotes: '無料低額診療事業。保険証がなくても受診可（事前に電話）', acceptsNoStatus: true, acceptsUninsured: true, contactName: '医療相談室 高田', contactRole: 'MSW', notes: '院外処方は対象外: 院内で薬が出る日を確認' },
  { kind: 'free_low_cost_clinic', nameJa: '新宿ひまわり診療所', nameEn: 'Shinjuku Himawari Clinic', nameKana: 'シンジュクヒマワリシンリョウジョ', postalCode: '1690075', addressLine: '高田馬場1-10-3', phone: '03-5555-0102', nearestStation: '高田馬場駅', languages: ['en', 'my'], openingHours: '月〜土 9:00–12:00, 14:00–18:00', cost: 'sliding_scale', costNotes: '収入に応じて減免', acceptsNoStatus: true, acceptsUninsured: true, contactName: '相談員 村井' },
  { kind: 'hospital', nameJa: '東京なごみ総合病院', nameEn: 'Tokyo Nagomi General Hospital', nameKana: 'トウキョウナゴミソウゴウビョウイン', postalCode: '1130033', addressLine: '本郷3-1-1', phone: '03-5555-0103', nearestStation: '本郷三丁目駅', languages: ['en', 'zh'], openingHours: '外来 8:30–11:00、救急 24 時間', cost: 'insurance_required', costNotes: '保険なしは自費（高額）。救急は受け入れ', acceptsUninsured: false },
  { kind: 'psychiatry', nameJa: 'こころの森クリニック', nameEn: 'Kokoro no Mori Clinic', nameKana: 'ココロノモリクリニック', postalCode: '1500001', addressLine: '神宮前4-2-5', phone: '03-5555-0104', nearestStation: '表参道駅', languages: ['en', 'fr'], openingHours: '火〜土 10:00–19:00（予約制）', cost: 'sliding_scale', costNotes: 'トラウマ治療の経験あり。通訳同伴可', acceptsUninsured: true },
  { kind: 'obstetrics', nameJa: 'さくら母子クリニック', nameEn: 'Sakura Maternity Clinic', nameKana: 'サクラボシクリニック', postalCode: '1710014', addressLine: '池袋2-8-1', phone: '03-5555-0105', nearestStation: '池袋駅', languages: ['en'], openingHours: '月〜金 9:00–17:00', cost: 'insurance_required', costNotes: '出産育児一時金・入院助産の相談に応じる' },
  { kind: 'dentistry', nameJa: 'ひかり歯科', nameEn: 'Hikari Dental', nameKana: 'ヒカリシカ', postalCode: '1010051', addressLine: '神田神保町1-5', phone: '03-5555-0106', nearestStation: '神保町駅', languages: ['en'], openingHours: '月〜金 10:00–19:00', cost: 'low_cost', costNotes: '応急処置のみ低額で対応' },
  { kind: 'lawyer', nameJa: 'あおぞら法律事務所', nameEn: 'Aozora Law Office', nameKana: 'アオゾラホウリツジムショ', postalCode: '1600022', addressLine: '新宿1-20-2 第3ビル5階', phone: '03-5555-0107', nearestStation: '新宿御苑前駅', languages: ['en', 'fr'], openingHours: '月〜金 10:00–18:00', cost: 'free', costNotes: '難民申請・審査請求はプロボノで受任することあり', acceptsNoStatus: true, acceptsUninsured: true, contactName: '弁護士 宮本', contactRole: '難民事件担当' },
  { kind: 'legal_aid', nameJa: '法律支援センター東京（例）', nameEn: 'Tokyo Legal Support Centre (example)', nameKana: 'ホウリツシエンセンタートウキョウ', postalCode: '1600023', addressLine: '西新宿1-24-1', phone: '03-5555-0108', nearestStation: '新宿駅', languages: ['en'], openingHours: '月〜金 9:00–17:00', cost: 'free', costNotes: '民事法律扶助: 在留資格が必要な場合あり', acceptsNoStatus: false, acceptsUninsured: true },
  { kind: 'employer', nameJa: '株式会社みどり農園', nameEn: 'Midori Farm Co.', nameKana: 'ミドリノウエン', postalCode: '3300063', addressLine: 'さいたま市浦和区高砂1-1', phone: '048-555-0109', nearestStation: '浦和駅', languages: ['en'], openingHours: '平日 8:00–17:00', cost: 'unknown', notes: '農作業・梱包。日本語初級可。送迎あり', contactName: '人事 木下' },
  { kind: 'employer', nameJa: '東京クリーンサービス株式会社', nameEn: 'Tokyo Clean Service Inc.', nameKana: 'トウキョウクリーンサービス', postalCode: '1350064', addressLine: '江東区青海2-7', phone: '03-5555-0110', nearestStation: 'テレコムセンター駅', languages: ['en', 'fr', 'ar'], openingHours: '24 時間（シフト制）', cost: 'unknown', notes: 'ビル清掃。早朝・夜間シフト。就労許可（指定書）を確認', contactName: '採用担当 佐野' },
  { kind: 'job_agency', nameJa: 'ワークステーション新宿 外国人雇用コーナー（例）', nameEn: 'Work Station Shinjuku, foreign workers desk (example)', nameKana: 'ワークステーションシンジュク', postalCode: '1600022', addressLine: '新宿4-3-25', phone: '03-5555-0111', nearestStation: '新宿三丁目駅', languages: ['en', 'zh', 'vi'], openingHours: '月〜金 8:30–17:15', cost: 'free', notes: '通訳の曜日あり（英語: 月水金）' },
  { kind: 'municipal_office', nameJa: '新宿区役所 国民健康保険係（例）', nameEn: 'Shinjuku City Office, National Health Insurance (example)', nameKana: 'シンジュククヤクショ', postalCode: '1600021', addressLine: '歌舞伎町1-4-1', phone: '03-5555-0112', nearestStation: '新宿駅', languages: ['en'], openingHours: '月〜金 8:30–17:00', cost: 'free', notes: '住民登録と同日に国保加入の手続き可。在留カードと指定書を持参' },
  { kind: 'ngo', nameJa: '難民支援ネットワーク東京（架空）', nameEn: 'Refugee Support Network Tokyo (fictional)', nameKana: 'ナンミンシエンネットワークトウキョウ', postalCode: '1130033', addressLine: '本郷2-3-4', phone: '03-5555-0113', nearestStation: '御茶ノ水駅', languages: ['en', 'fr', 'ar', 'fa'], openingHours: '月〜金 10:00–17:00', cost: 'free', acceptsNoStatus: true, acceptsUninsured: true, notes: '女性のためのシェルター情報あり' },
  { kind: 'ngo', nameJa: 'フードバンク東京みなみ（架空）', nameEn: 'Food Bank Tokyo Minami (fictional)', nameKana: 'フードバンクトウキョウミナミ', postalCode: '1400011', addressLine: '品川区東大井1-2', phone: '03-5555-0114', nearestStation: '大井町駅', languages: [], openingHours: '火・金 13:00–16:00', cost: 'free', acceptsNoStatus: true, acceptsUninsured: true },
  { kind: 'language_school', nameJa: 'にほんご教室 ひだまり', nameEn: 'Hidamari Japanese Class', nameKana: 'ニホンゴキョウシツヒダマリ', postalCode: '1690075', addressLine: '高田馬場3-2-1 区民センター', phone: '03-5555-0115', nearestStation: '高田馬場駅', languages: ['en', 'fr', 'my'], openingHours: '土 10:00–12:00', cost: 'free', costNotes: 'ボランティア運営。入門クラスあり', acceptsNoStatus: true },
  { kind: 'clinic', nameJa: '池袋ふれあい内科', nameEn: 'Ikebukuro Fureai Internal Medicine', nameKana: 'イケブクロフレアイナイカ', postalCode: '1710014', addressLine: '池袋1-5-5', phone: '03-5555-0116', nearestStation: '池袋駅', languages: ['en', 'ne'], openingHours: '月〜土 9:00–18:00', cost: 'insurance_required', costNotes: '国保で 3 割負担' },
];

/** Writes the demo directory (no audit per row: the demo load is audited once). */
export async function writePartners(db: DbOrTx, organisationId: string, staffId: string | null): Promise<number> {
  for (const p of DEMO_PARTNERS) await insertPartner(db, partnerRow(organisationId, staffId, CreatePartnerInput.parse(p)));
  return DEMO_PARTNERS.length;
}
