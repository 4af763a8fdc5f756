/**
 * Hand-made name lists for the demo data and the benchmarks: per nationality, first and family
 * names in Latin letters (as on a passport or residence card), in the person's own script where
 * it applies, and in katakana as Japanese staff write them.
 *
 * These are common names, combined at random: no entry describes a real person.
 * Each form is [latin, ownScript | null, katakana].
 */
export type NameForm = readonly [latin: string, ownScript: string | null, kana: string];

export interface NameGroup {
  /** ISO 3166-1 alpha-2. */
  nationality: string;
  /** ISO 639 codes, the most common first; a person speaks the first and sometimes one more. */
  languages: readonly string[];
  /** How many of 300 demo people come from this group (DOMAIN.md proportions, > half African). */
  weight: number;
  /** How the own-script name is put together: 'spaced' (given family) or 'joined' (Burmese: one name, no spaces). */
  ownScriptStyle: 'none' | 'spaced' | 'joined';
  /** True when people have a single name (Myanmar): family name stays empty, the given name holds all of it. */
  singleName?: boolean;
  male: readonly NameForm[];
  female: readonly NameForm[];
  family: readonly NameForm[];
}

const ethiopia: NameGroup = {
  nationality: 'ET',
  languages: ['am', 'en', 'om'],
  weight: 24,
  ownScriptStyle: 'spaced',
  male: [
    ['Abebe', 'አበበ', 'アベベ'],
    ['Tesfaye', 'ተስፋዬ', 'テスファイエ'],
    ['Dawit', 'ዳዊት', 'ダウィット'],
    ['Yohannes', 'ዮሐንስ', 'ヨハネス'],
    ['Solomon', 'ሰሎሞን', 'ソロモン'],
    ['Getachew', 'ጌታቸው', 'ゲタチュー'],
    ['Bekele', 'በቀለ', 'ベケレ'],
    ['Mulugeta', 'ሙሉጌታ', 'ムルゲタ'],
    ['Tadesse', 'ታደሰ', 'タデッセ'],
    ['Girma', 'ግርማ', 'ギルマ'],
    ['Kebede', 'ከበደ', 'ケベデ'],
    ['Yonas', 'ዮናስ', 'ヨナス'],
  ],
  female: [
    ['Tigist', 'ትዕግስት', 'ティギスト'],
    ['Meseret', 'መሰረት', 'メセレット'],
    ['Almaz', 'አልማዝ', 'アルマズ'],
    ['Hiwot', 'ሕይወት', 'ヒウォット'],
    ['Selam', 'ሰላም', 'セラム'],
    ['Bethlehem', 'ቤተልሔም', 'ベテルヘム'],
    ['Aster', 'አስቴር', 'アステル'],
    ['Mekdes', 'መቅደስ', 'メクデス'],
    ['Tsion', 'ጽዮን', 'ツィオン'],
  ],
  // Ethiopians carry their father's given name where others have a family name.
  family: [
    ['Tesfaye', 'ተስፋዬ', 'テスファイエ'],
    ['Bekele', 'በቀለ', 'ベケレ'],
    ['Kebede', 'ከበደ', 'ケベデ'],
    ['Alemu', 'ዓለሙ', 'アレム'],
    ['Tadesse', 'ታደሰ', 'タデッセ'],
    ['Haile', 'ኃይሌ', 'ハイレ'],
    ['Girma', 'ግርማ', 'ギルマ'],
    ['Wolde', 'ወልዴ', 'ウォルデ'],
    ['Mengistu', 'መንግሥቱ', 'メンギストゥ'],
    ['Gebre', 'ገብሬ', 'ゲブレ'],
    ['Ayele', 'አየለ', 'アイェレ'],
    ['Desta', 'ደስታ', 'デスタ'],
    ['Abebe', 'አበበ', 'アベベ'],
    ['Negash', 'ነጋሽ', 'ネガッシュ'],
  ],
};

const eritrea: NameGroup = {
  nationality: 'ER',
  languages: ['ti', 'ar', 'en'],
  weight: 8,
  ownScriptStyle: 'spaced',
  male: [
    ['Tesfamariam', 'ተስፋማርያም', 'テスファマリアム'],
    ['Yonas', 'ዮናስ', 'ヨナス'],
    ['Filmon', 'ፊልሞን', 'フィルモン'],
    ['Mehari', 'መሓሪ', 'メハリ'],
    ['Habtom', 'ሃብቶም', 'ハブトム'],
    ['Samuel', 'ሳሙኤል', 'サミュエル'],
    ['Berhane', 'ብርሃነ', 'ベルハネ'],
    ['Kidane', 'ኪዳነ', 'キダネ'],
  ],
  female: [
    ['Senait', 'ሰናይት', 'セナイト'],
    ['Helen', 'ሄለን', 'ヘレン'],
    ['Saba', 'ሳባ', 'サバ'],
    ['Luwam', 'ሉዋም', 'ルワム'],
    ['Rahel', 'ራሄል', 'ラヘル'],
    ['Yordanos', 'ዮርዳኖስ', 'ヨルダノス'],
  ],
  family: [
    ['Tesfay', 'ተስፋይ', 'テスファイ'],
    ['Ghebremedhin', 'ገብረመድህን', 'ゲブレメドヒン'],
    ['Haile', 'ሃይለ', 'ハイレ'],
    ['Kidane', 'ኪዳነ', 'キダネ'],
    ['Tekle', 'ተኽለ', 'テクレ'],
    ['Berhe', 'በርሀ', 'ベルヘ'],
    ['Woldu', 'ወልዱ', 'ウォルドゥ'],
    ['Asmerom', 'ኣስመሮም', 'アスメロム'],
    ['Mehari', 'መሓሪ', 'メハリ'],
  ],
};

const drCongo: NameGroup = {
  nationality: 'CD',
  languages: ['fr', 'ln', 'sw', 'lua'],
  weight: 46,
  ownScriptStyle: 'none',
  male: [
    ['Patrick', null, 'パトリック'],
    ['Jean-Pierre', null, 'ジャン＝ピエール'],
    ['Emmanuel', null, 'エマニュエル'],
    ['Christian', null, 'クリスチャン'],
    ['Héritier', null, 'エリティエ'],
    ['Glody', null, 'グロディ'],
    ['Trésor', null, 'トレゾール'],
    ['Junior', null, 'ジュニオール'],
    ['Papy', null, 'パピ'],
    ['Dieudonné', null, 'ディユドネ'],
    ['Fiston', null, 'フィストン'],
    ['Blaise', null, 'ブレーズ'],
    ['Joseph', null, 'ジョゼフ'],
    ['Serge', null, 'セルジュ'],
  ],
  female: [
    ['Grâce', null, 'グラース'],
    ['Esther', null, 'エステル'],
    ['Merveille', null, 'メルヴェイユ'],
    ['Nadine', null, 'ナディーヌ'],
    ['Ruth', null, 'ルート'],
    ['Chantal', null, 'シャンタル'],
    ['Divine', null, 'ディヴィーヌ'],
    ['Sarah', null, 'サラ'],
    ['Joséphine', null, 'ジョゼフィーヌ'],
    ['Rachel', null, 'ラシェル'],
  ],
  family: [
    ['Ilunga', null, 'イルンガ'],
    ['Kabongo', null, 'カボンゴ'],
    ['Tshibangu', null, 'チバング'],
    ['Mbuyi', null, 'ムブイ'],
    ['Kalonji', null, 'カロンジ'],
    ['Nzuzi', null, 'ンズジ'],
    ['Lukusa', null, 'ルクサ'],
    ['Mutombo', null, 'ムトンボ'],
    ['Kasongo', null, 'カソンゴ'],
    ['Mulumba', null, 'ムルンバ'],
    ['Ngoy', null, 'ンゴイ'],
    ['Makiese', null, 'マキエセ'],
    ['Mpiana', null, 'ムピアナ'],
    ['Kayembe', null, 'カイェンベ'],
    ['Mukendi', null, 'ムケンディ'],
  ],
};

const cameroon: NameGroup = {
  nationality: 'CM',
  languages: ['fr', 'en'],
  weight: 40,
  ownScriptStyle: 'none',
  male: [
    ['Franck', null, 'フランク'],
    ['Hervé', null, 'エルヴェ'],
    ['Arnaud', null, 'アルノー'],
    ['Brice', null, 'ブリス'],
    ['Landry', null, 'ランドリー'],
    ['Yannick', null, 'ヤニック'],
    ['Rodrigue', null, 'ロドリグ'],
    ['Samuel', null, 'サミュエル'],
    ['Boris', null, 'ボリス'],
    ['Cédric', null, 'セドリック'],
    ['Christian', null, 'クリスチャン'],
    ['Blaise', null, 'ブレーズ'],
  ],
  female: [
    ['Carine', null, 'カリーヌ'],
    ['Sandrine', null, 'サンドリーヌ'],
    ['Larissa', null, 'ラリッサ'],
    ['Brenda', null, 'ブレンダ'],
    ['Estelle', null, 'エステル'],
    ['Mireille', null, 'ミレイユ'],
    ['Joëlle', null, 'ジョエル'],
    ['Nadège', null, 'ナデージュ'],
  ],
  family: [
    ['Nkeng', null, 'ンケン'],
    ['Tchoua', null, 'チュア'],
    ['Mbarga', null, 'ンバルガ'],
    ['Fotso', null, 'フォツォ'],
    ['Ngono', null, 'ンゴノ'],
    ['Tabi', null, 'タビ'],
    ['Ngwa', null, 'ングワ'],
    ['Kamga', null, 'カムガ'],
    ['Nana', null, 'ナナ'],
    ['Atangana', null, 'アタンガナ'],
    ['Essomba', null, 'エソンバ'],
    ['Njoya', null, 'ンジョヤ'],
    ['Tchinda', null, 'チンダ'],
    ['Fomba', null, 'フォンバ'],
  ],
};

const uganda: NameGroup = {
  nationality: 'UG',
  languages: ['en', 'lg', 'sw'],
  weight: 24,
  ownScriptStyle: 'none',
  male: [
    ['Moses', null, 'モーゼス'],
    ['Brian', null, 'ブライアン'],
    ['Ivan', null, 'イヴァン'],
    ['Ronald', null, 'ロナルド'],
    ['Isaac', null, 'アイザック'],
    ['Denis', null, 'デニス'],
    ['Joseph', null, 'ジョセフ'],
    ['Emmanuel', null, 'エマニュエル'],
    ['Godfrey', null, 'ゴッドフリー'],
    ['Henry', null, 'ヘンリー'],
  ],
  female: [
    ['Sarah', null, 'サラ'],
    ['Grace', null, 'グレース'],
    ['Patience', null, 'ペイシェンス'],
    ['Esther', null, 'エスター'],
    ['Florence', null, 'フローレンス'],
    ['Prossy', null, 'プロッシー'],
    ['Juliet', null, 'ジュリエット'],
    ['Doreen', null, 'ドリーン'],
  ],
  family: [
    ['Mukasa', null, 'ムカサ'],
    ['Ssemakula', null, 'セマクラ'],
    ['Okello', null, 'オケロ'],
    ['Kato', null, 'カト'],
    ['Wasswa', null, 'ワスワ'],
    ['Opio', null, 'オピオ'],
    ['Byaruhanga', null, 'ビャルハンガ'],
    ['Tumusiime', null, 'トゥムシーメ'],
    ['Kizza', null, 'キッザ'],
    ['Lubega', null, 'ルベガ'],
    ['Mugisha', null, 'ムギシャ'],
    ['Otim', null, 'オティム'],
    ['Ssekandi', null, 'セカンディ'],
  ],
};

const nigeria: NameGroup = {
  nationality: 'NG',
  languages: ['en', 'yo', 'ig', 'ha'],
  weight: 26,
  ownScriptStyle: 'none',
  male: [
    ['Chinedu', null, 'チネドゥ'],
    ['Emeka', null, 'エメカ'],
    ['Oluwaseun', null, 'オルワセウン'],
    ['Tunde', null, 'トゥンデ'],
    ['Ibrahim', null, 'イブラヒム'],
    ['Samuel', null, 'サミュエル'],
    ['Chukwuemeka', null, 'チュクウエメカ'],
    ['Femi', null, 'フェミ'],
    ['Uche', null, 'ウチェ'],
    ['Musa', null, 'ムサ'],
    ['Kelechi', null, 'ケレチ'],
    ['Ifeanyi', null, 'イフェアニ'],
  ],
  female: [
    ['Ngozi', null, 'ンゴジ'],
    ['Chiamaka', null, 'チアマカ'],
    ['Funmilayo', null, 'フンミラヨ'],
    ['Blessing', null, 'ブレッシング'],
    ['Aisha', null, 'アイシャ'],
    ['Adaeze', null, 'アダエゼ'],
    ['Folake', null, 'フォラケ'],
    ['Precious', null, 'プレシャス'],
  ],
  family: [
    ['Okafor', null, 'オカフォー'],
    ['Adeyemi', null, 'アデイェミ'],
    ['Eze', null, 'エゼ'],
    ['Okonkwo', null, 'オコンクォ'],
    ['Nwosu', null, 'ンウォス'],
    ['Balogun', null, 'バログン'],
    ['Abubakar', null, 'アブバカル'],
    ['Obi', null, 'オビ'],
    ['Adebayo', null, 'アデバヨ'],
    ['Ogunleye', null, 'オグンレイェ'],
    ['Chukwu', null, 'チュクウ'],
    ['Olawale', null, 'オラワレ'],
    ['Ibekwe', null, 'イベクウェ'],
  ],
};

const ghana: NameGroup = {
  nationality: 'GH',
  languages: ['en', 'ak'],
  weight: 7,
  ownScriptStyle: 'none',
  male: [
    ['Kwame', null, 'クワメ'],
    ['Kofi', null, 'コフィ'],
    ['Kwabena', null, 'クワベナ'],
    ['Yaw', null, 'ヤウ'],
    ['Kojo', null, 'コジョ'],
  ],
  female: [
    ['Ama', null, 'アマ'],
    ['Akosua', null, 'アコスア'],
    ['Abena', null, 'アベナ'],
    ['Efua', null, 'エフア'],
  ],
  family: [
    ['Mensah', null, 'メンサ'],
    ['Owusu', null, 'オウス'],
    ['Boateng', null, 'ボアテング'],
    ['Asante', null, 'アサンテ'],
    ['Appiah', null, 'アピア'],
    ['Osei', null, 'オセイ'],
  ],
};

const guinea: NameGroup = {
  nationality: 'GN',
  languages: ['fr', 'ff'],
  weight: 5,
  ownScriptStyle: 'none',
  male: [
    ['Mamadou', null, 'ママドゥ'],
    ['Alpha', null, 'アルファ'],
    ['Ibrahima', null, 'イブライマ'],
    ['Ousmane', null, 'ウスマン'],
    ['Sékou', null, 'セク'],
  ],
  female: [
    ['Fatoumata', null, 'ファトゥマタ'],
    ['Mariama', null, 'マリアマ'],
    ['Aïssatou', null, 'アイサトゥ'],
    ['Kadiatou', null, 'カディアトゥ'],
  ],
  family: [
    ['Diallo', null, 'ディアロ'],
    ['Barry', null, 'バリー'],
    ['Bah', null, 'バー'],
    ['Camara', null, 'カマラ'],
    ['Sow', null, 'ソウ'],
    ['Condé', null, 'コンデ'],
  ],
};

const coteDIvoire: NameGroup = {
  nationality: 'CI',
  languages: ['fr'],
  weight: 5,
  ownScriptStyle: 'none',
  male: [
    ['Koffi', null, 'コフィ'],
    ['Kouassi', null, 'クアシ'],
    ['Didier', null, 'ディディエ'],
    ['Serge', null, 'セルジュ'],
    ['Yao', null, 'ヤオ'],
  ],
  female: [
    ['Aya', null, 'アヤ'],
    ['Adjoua', null, 'アジュア'],
    ['Affoué', null, 'アフエ'],
    ['Mariam', null, 'マリアム'],
  ],
  family: [
    ['Kouadio', null, 'クアディオ'],
    ['Koné', null, 'コネ'],
    ['Traoré', null, 'トラオレ'],
    ['Bamba', null, 'バンバ'],
    ['Kouamé', null, 'クアメ'],
    ['Yéo', null, 'イェオ'],
  ],
};

const sudan: NameGroup = {
  nationality: 'SD',
  languages: ['ar', 'en'],
  weight: 8,
  ownScriptStyle: 'spaced',
  male: [
    ['Mohamed', 'محمد', 'モハメド'],
    ['Ahmed', 'أحمد', 'アハメド'],
    ['Osman', 'عثمان', 'オスマン'],
    ['Abdelrahman', 'عبد الرحمن', 'アブデルラフマン'],
    ['Hassan', 'حسن', 'ハッサン'],
    ['Yousif', 'يوسف', 'ユーセフ'],
    ['Adam', 'آدم', 'アダム'],
    ['Ibrahim', 'إبراهيم', 'イブラヒム'],
  ],
  female: [
    ['Fatima', 'فاطمة', 'ファティマ'],
    ['Amna', 'آمنة', 'アムナ'],
    ['Hawa', 'حواء', 'ハワ'],
    ['Mariam', 'مريم', 'マリアム'],
    ['Sara', 'سارة', 'サラ'],
  ],
  family: [
    ['Abdalla', 'عبد الله', 'アブダッラ'],
    ['Elnour', 'النور', 'エルヌール'],
    ['Osman', 'عثمان', 'オスマン'],
    ['Hamid', 'حامد', 'ハミド'],
    ['Mustafa', 'مصطفى', 'ムスタファ'],
    ['Ali', 'علي', 'アリ'],
    ['Ishag', 'إسحاق', 'イスハーグ'],
    ['Bakhit', 'بخيت', 'バキート'],
  ],
};

const yemen: NameGroup = {
  nationality: 'YE',
  languages: ['ar'],
  weight: 6,
  ownScriptStyle: 'spaced',
  male: [
    ['Mohammed', 'محمد', 'ムハンマド'],
    ['Abdullah', 'عبد الله', 'アブドゥッラー'],
    ['Ali', 'علي', 'アリ'],
    ['Saleh', 'صالح', 'サーレハ'],
    ['Nabil', 'نبيل', 'ナビール'],
    ['Fuad', 'فؤاد', 'フアード'],
  ],
  female: [
    ['Amal', 'أمل', 'アマル'],
    ['Huda', 'هدى', 'フダ'],
    ['Samira', 'سميرة', 'サミーラ'],
    ['Noura', 'نورة', 'ノーラ'],
  ],
  family: [
    ['Al-Ahmadi', 'الأحمدي', 'アル＝アハマディ'],
    ['Saeed', 'سعيد', 'サイード'],
    ['Al-Hakimi', 'الحكيمي', 'アル＝ハキミ'],
    ['Qasim', 'قاسم', 'カーシム'],
    ['Al-Yafei', 'اليافعي', 'アル＝ヤーフィイ'],
    ['Nasser', 'ناصر', 'ナーセル'],
  ],
};

const syria: NameGroup = {
  nationality: 'SY',
  languages: ['ar', 'kmr'],
  weight: 5,
  ownScriptStyle: 'spaced',
  male: [
    ['Omar', 'عمر', 'オマル'],
    ['Khaled', 'خالد', 'ハーリド'],
    ['Ahmad', 'أحمد', 'アフマド'],
    ['Mahmoud', 'محمود', 'マフムード'],
    ['Rami', 'رامي', 'ラーミー'],
    ['Fadi', 'فادي', 'ファーディー'],
  ],
  female: [
    ['Rania', 'رانيا', 'ラニア'],
    ['Lina', 'لينا', 'リナ'],
    ['Hiba', 'هبة', 'ヒバ'],
    ['Nour', 'نور', 'ヌール'],
  ],
  family: [
    ['Al-Hassan', 'الحسن', 'アル＝ハサン'],
    ['Haddad', 'حداد', 'ハッダード'],
    ['Khalil', 'خليل', 'ハリール'],
    ['Darwish', 'درويش', 'ダルウィーシュ'],
    ['Sabbagh', 'صباغ', 'サッバーグ'],
    ['Othman', 'عثمان', 'オスマン'],
  ],
};

const iran: NameGroup = {
  nationality: 'IR',
  languages: ['fa', 'en'],
  weight: 8,
  ownScriptStyle: 'spaced',
  male: [
    ['Reza', 'رضا', 'レザ'],
    ['Ali', 'علی', 'アリ'],
    ['Mohammad', 'محمد', 'モハンマド'],
    ['Hossein', 'حسین', 'ホセイン'],
    ['Amir', 'امیر', 'アミール'],
    ['Mehdi', 'مهدی', 'メフディ'],
    ['Saeed', 'سعید', 'サイード'],
    ['Behnam', 'بهنام', 'ベフナム'],
  ],
  female: [
    ['Maryam', 'مریم', 'マルヤム'],
    ['Zahra', 'زهرا', 'ザフラ'],
    ['Fatemeh', 'فاطمه', 'ファテメ'],
    ['Shirin', 'شیرین', 'シーリーン'],
    ['Niloufar', 'نیلوفر', 'ニルーファル'],
    ['Parisa', 'پریسا', 'パリサ'],
  ],
  family: [
    ['Hosseini', 'حسینی', 'ホセイニ'],
    ['Ahmadi', 'احمدی', 'アフマディ'],
    ['Rezaei', 'رضایی', 'レザイ'],
    ['Mohammadi', 'محمدی', 'モハンマディ'],
    ['Karimi', 'کریمی', 'キャリミ'],
    ['Moradi', 'مرادی', 'モラディ'],
    ['Jafari', 'جعفری', 'ジャファリ'],
    ['Rahimi', 'رحیمی', 'ラヒミ'],
  ],
};

const afghanistan: NameGroup = {
  nationality: 'AF',
  languages: ['prs', 'ps'],
  weight: 12,
  ownScriptStyle: 'spaced',
  male: [
    ['Ahmad', 'احمد', 'アフマド'],
    ['Mohammad', 'محمد', 'モハンマド'],
    ['Farid', 'فرید', 'ファリード'],
    ['Hamid', 'حمید', 'ハミード'],
    ['Jawad', 'جواد', 'ジャワード'],
    ['Naveed', 'نوید', 'ナヴィード'],
    ['Rahim', 'رحیم', 'ラヒーム'],
    ['Sohail', 'سهیل', 'ソハイル'],
    ['Mustafa', 'مصطفی', 'ムスタファ'],
  ],
  female: [
    ['Fatima', 'فاطمه', 'ファティマ'],
    ['Zainab', 'زینب', 'ザイナブ'],
    ['Marzia', 'مرضیه', 'マルジア'],
    ['Nargis', 'نرگس', 'ナルギス'],
    ['Sima', 'سیما', 'シマ'],
    ['Freshta', 'فرشته', 'フレシュタ'],
  ],
  family: [
    ['Ahmadi', 'احمدی', 'アフマディ'],
    ['Hakimi', 'حکیمی', 'ハキミ'],
    ['Noori', 'نوری', 'ヌーリ'],
    ['Rahimi', 'رحیمی', 'ラヒミ'],
    ['Sultani', 'سلطانی', 'スルタニ'],
    ['Hashimi', 'هاشمی', 'ハシミ'],
    ['Karimi', 'کریمی', 'カリミ'],
    ['Safi', 'صافی', 'サーフィ'],
  ],
};

const pakistan: NameGroup = {
  nationality: 'PK',
  languages: ['ur', 'pa', 'en'],
  weight: 10,
  ownScriptStyle: 'spaced',
  male: [
    ['Muhammad', 'محمد', 'ムハンマド'],
    ['Imran', 'عمران', 'イムラン'],
    ['Asif', 'آصف', 'アーシフ'],
    ['Bilal', 'بلال', 'ビラール'],
    ['Usman', 'عثمان', 'ウスマン'],
    ['Kashif', 'کاشف', 'カーシフ'],
    ['Tariq', 'طارق', 'ターリク'],
    ['Waqas', 'وقاص', 'ワカース'],
  ],
  female: [
    ['Ayesha', 'عائشہ', 'アーイシャ'],
    ['Sana', 'ثنا', 'サナ'],
    ['Fatima', 'فاطمہ', 'ファーティマ'],
    ['Nadia', 'نادیہ', 'ナーディア'],
    ['Rabia', 'رابعہ', 'ラービア'],
  ],
  family: [
    ['Khan', 'خان', 'カーン'],
    ['Ahmed', 'احمد', 'アハメド'],
    ['Hussain', 'حسین', 'フセイン'],
    ['Malik', 'ملک', 'マリク'],
    ['Butt', 'بٹ', 'バット'],
    ['Qureshi', 'قریشی', 'クレーシー'],
    ['Chaudhry', 'چودھری', 'チョードリー'],
    ['Raza', 'رضا', 'ラザ'],
  ],
};

const bangladesh: NameGroup = {
  nationality: 'BD',
  languages: ['bn', 'en'],
  weight: 10,
  ownScriptStyle: 'spaced',
  male: [
    ['Mohammad', 'মোহাম্মদ', 'モハンマド'],
    ['Rahim', 'রহিম', 'ラヒム'],
    ['Karim', 'করিম', 'カリム'],
    ['Abdul', 'আব্দুল', 'アブドゥル'],
    ['Shafiqul', 'শফিকুল', 'シャフィクル'],
    ['Jahangir', 'জাহাঙ্গীর', 'ジャハンギル'],
    ['Rafiq', 'রফিক', 'ラフィク'],
    ['Sohel', 'সোহেল', 'ショヘル'],
  ],
  female: [
    ['Fatema', 'ফাতেমা', 'ファテマ'],
    ['Nasrin', 'নাসরিন', 'ナスリン'],
    ['Rehana', 'রেহানা', 'レハナ'],
    ['Shirin', 'শিরিন', 'シリン'],
    ['Ayesha', 'আয়েশা', 'アイシャ'],
  ],
  family: [
    ['Islam', 'ইসলাম', 'イスラム'],
    ['Hossain', 'হোসেন', 'ホセイン'],
    ['Rahman', 'রহমান', 'ラフマン'],
    ['Ahmed', 'আহমেদ', 'アーメド'],
    ['Uddin', 'উদ্দিন', 'ウッディン'],
    ['Miah', 'মিয়া', 'ミア'],
    ['Chowdhury', 'চৌধুরী', 'チョードリー'],
    ['Sarker', 'সরকার', 'ショルカル'],
  ],
};

const nepal: NameGroup = {
  nationality: 'NP',
  languages: ['ne', 'en'],
  weight: 10,
  ownScriptStyle: 'spaced',
  male: [
    ['Ram', 'राम', 'ラム'],
    ['Krishna', 'कृष्ण', 'クリシュナ'],
    ['Bikash', 'विकास', 'ビカス'],
    ['Suman', 'सुमन', 'スマン'],
    ['Rajesh', 'राजेश', 'ラジェシュ'],
    ['Prakash', 'प्रकाश', 'プラカシュ'],
    ['Dipak', 'दीपक', 'ディパク'],
    ['Santosh', 'सन्तोष', 'サントシュ'],
  ],
  female: [
    ['Sita', 'सीता', 'シータ'],
    ['Gita', 'गीता', 'ギータ'],
    ['Sarita', 'सरिता', 'サリタ'],
    ['Anjali', 'अञ्जली', 'アンジャリ'],
    ['Puja', 'पूजा', 'プジャ'],
    ['Manisha', 'मनिषा', 'マニシャ'],
  ],
  family: [
    ['Shrestha', 'श्रेष्ठ', 'シュレスタ'],
    ['Gurung', 'गुरुङ', 'グルン'],
    ['Tamang', 'तामाङ', 'タマン'],
    ['Rai', 'राई', 'ライ'],
    ['Magar', 'मगर', 'マガル'],
    ['Thapa', 'थापा', 'タパ'],
    ['Sharma', 'शर्मा', 'シャルマ'],
    ['Adhikari', 'अधिकारी', 'アディカリ'],
    ['Karki', 'कार्की', 'カルキ'],
  ],
};

const sriLankaSinhala: NameGroup = {
  nationality: 'LK',
  languages: ['si', 'en'],
  weight: 8,
  ownScriptStyle: 'spaced',
  male: [
    ['Nuwan', 'නුවන්', 'ヌワン'],
    ['Chaminda', 'චමින්ද', 'チャミンダ'],
    ['Kasun', 'කසුන්', 'カスン'],
    ['Saman', 'සමන්', 'サマン'],
    ['Ruwan', 'රුවන්', 'ルワン'],
    ['Dinesh', 'දිනේෂ්', 'ディネーシュ'],
    ['Lahiru', 'ලහිරු', 'ラヒル'],
  ],
  female: [
    ['Dilani', 'දිලානි', 'ディラニ'],
    ['Nadeesha', 'නදීෂා', 'ナディーシャ'],
    ['Chamari', 'චමරි', 'チャマリ'],
    ['Sanduni', 'සඳුනි', 'サンドゥニ'],
    ['Madushani', 'මධුෂානි', 'マドゥシャニ'],
  ],
  family: [
    ['Perera', 'පෙරේරා', 'ペレラ'],
    ['Silva', 'සිල්වා', 'シルワ'],
    ['Jayasinghe', 'ජයසිංහ', 'ジャヤシンハ'],
    ['Bandara', 'බණ්ඩාර', 'バンダラ'],
    ['Rathnayake', 'රත්නායක', 'ラトナヤケ'],
    ['Dissanayake', 'දිසානායක', 'ディサナヤケ'],
    ['Kumara', 'කුමාර', 'クマーラ'],
    ['Herath', 'හේරත්', 'ヘーラト'],
  ],
};

const sriLankaTamil: NameGroup = {
  nationality: 'LK',
  languages: ['ta', 'en'],
  weight: 6,
  ownScriptStyle: 'spaced',
  male: [
    ['Suresh', 'சுரேஷ்', 'スレーシュ'],
    ['Kumar', 'குமார்', 'クマール'],
    ['Ravi', 'ரவி', 'ラヴィ'],
    ['Tharshan', 'தர்ஷன்', 'タルシャン'],
    ['Sivakumar', 'சிவகுமார்', 'シヴァクマール'],
    ['Nirojan', 'நிரோஜன்', 'ニロージャン'],
  ],
  female: [
    ['Kavitha', 'கவிதா', 'カヴィタ'],
    ['Priya', 'பிரியா', 'プリヤ'],
    ['Tharshini', 'தர்ஷினி', 'タルシニ'],
    ['Lakshmi', 'லட்சுமி', 'ラクシュミ'],
  ],
  family: [
    ['Sivarajah', 'சிவராஜா', 'シヴァラジャ'],
    ['Thevarajah', 'தேவராஜா', 'テーヴァラジャ'],
    ['Selvaraj', 'செல்வராஜ்', 'セルヴァラージ'],
    ['Kanagaratnam', 'கனகரத்தினம்', 'カナガラトナム'],
    ['Nadarajah', 'நடராஜா', 'ナダラジャ'],
    ['Ponnambalam', 'பொன்னம்பலம்', 'ポンナンバラム'],
  ],
};

// Burmese names have no family name: a person's name is two to four syllables, written without
// spaces in Burmese. "family" holds the syllables that usually end a name.
const myanmar: NameGroup = {
  nationality: 'MM',
  languages: ['my', 'en'],
  weight: 18,
  ownScriptStyle: 'joined',
  singleName: true,
  male: [
    ['Aung', 'အောင်', 'アウン'],
    ['Kyaw', 'ကျော်', 'チョー'],
    ['Min', 'မင်း', 'ミン'],
    ['Htet', 'ထက်', 'テッ'],
    ['Zaw', 'ဇော်', 'ゾー'],
    ['Myo', 'မျိုး', 'ミョー'],
    ['Thant', 'သန့်', 'タン'],
    ['Ko', 'ကို', 'コー'],
    ['Tun', 'ထွန်း', 'トゥン'],
    ['Hlaing', 'လှိုင်', 'フライン'],
  ],
  female: [
    ['Su', 'စု', 'ス'],
    ['Myat', 'မြတ်', 'ミャッ'],
    ['Thiri', 'သီရိ', 'ティリ'],
    ['Hnin', 'နှင်း', 'ニン'],
    ['Ei', 'အိ', 'エイ'],
    ['Khin', 'ခင်', 'キン'],
    ['May', 'မေ', 'メイ'],
    ['Yadanar', 'ရတနာ', 'ヤダナー'],
  ],
  family: [
    ['Naing', 'နိုင်', 'ナイン'],
    ['Win', 'ဝင်း', 'ウィン'],
    ['Soe', 'စိုး', 'ソー'],
    ['Lin', 'လင်း', 'リン'],
    ['Oo', 'ဦး', 'ウー'],
    ['Moe', 'မိုး', 'モー'],
    ['Thu', 'သူ', 'トゥ'],
    ['Phyu', 'ဖြူ', 'ピュー'],
    ['Mon', 'မွန်', 'モン'],
    ['Zin', 'ဇင်', 'ジン'],
    ['Nwe', 'နွယ်', 'ヌエ'],
  ],
};

// Kurds from Turkey: Turkish and Kurmanji names, in Latin letters with Turkish diacritics.
const turkeyKurdish: NameGroup = {
  nationality: 'TR',
  languages: ['kmr', 'tr'],
  weight: 14,
  ownScriptStyle: 'none',
  male: [
    ['Mehmet', null, 'メフメット'],
    ['Ahmet', null, 'アフメット'],
    ['Mustafa', null, 'ムスタファ'],
    ['Hasan', null, 'ハサン'],
    ['Hüseyin', null, 'ヒュセイン'],
    ['İbrahim', null, 'イブラヒム'],
    ['Serhat', null, 'セルハット'],
    ['Baran', null, 'バラン'],
    ['Welat', null, 'ウェラット'],
    ['Rojhat', null, 'ロジハット'],
    ['Zana', null, 'ザナ'],
  ],
  female: [
    ['Ayşe', null, 'アイシェ'],
    ['Fatma', null, 'ファトマ'],
    ['Zeynep', null, 'ゼイネップ'],
    ['Rojda', null, 'ロジダ'],
    ['Berfîn', null, 'ベルフィン'],
    ['Hêvî', null, 'ヘヴィ'],
    ['Gülistan', null, 'ギュリスタン'],
  ],
  family: [
    ['Yılmaz', null, 'ユルマズ'],
    ['Demir', null, 'デミル'],
    ['Doğan', null, 'ドアン'],
    ['Kaya', null, 'カヤ'],
    ['Çelik', null, 'チェリク'],
    ['Aydın', null, 'アイドゥン'],
    ['Arslan', null, 'アルスラン'],
    ['Özdemir', null, 'エズデミル'],
    ['Tekin', null, 'テキン'],
    ['Güneş', null, 'ギュネシュ'],
    ['Yıldız', null, 'ユルドゥズ'],
    ['Akbulut', null, 'アクブルト'],
  ],
};

/** Every group, Africa first; weights add up to 300 (193 from African countries). */
export const nameGroups: readonly NameGroup[] = [
  drCongo, cameroon, nigeria, ethiopia, uganda, eritrea, sudan, ghana, guinea, coteDIvoire,
  myanmar, sriLankaSinhala, sriLankaTamil, turkeyKurdish, afghanistan, pakistan, nepal, bangladesh, iran, yemen, syria,
];

/** Nationalities of African countries among the groups (for the "more than half" check). */
export const africanNationalities: ReadonlySet<string> = new Set(['CD', 'CM', 'NG', 'ET', 'UG', 'ER', 'SD', 'GH', 'GN', 'CI']);
