/**
 * Words and sentences the generator assembles reports from: what citizens
 * write on the public form, in Arabic, French, English, Spanish and Moroccan
 * Darija (in Latin script with 3, 7, 9 for ع, ح, ق, and in Arabic script).
 * Descriptions stay factual and non-graphic: they are test data for a triage
 * tool, not content.
 */

/** The language a description is written in (not the form's locale). */
export type Language = 'ar' | 'fr' | 'en' | 'es' | 'darija_latn' | 'darija_arab';

type Texts = Partial<Record<Language, readonly string[]>>;

/** Core sentences per category. Placeholders: {platform} {handle} {amount} {city} {url} {n}. */
export const CATEGORY_SENTENCES: Record<string, Texts> = {
  fraud: {
    ar: [
      'هذه الصفحة على {platform} تنشر إعلانات قروض سريعة بدون ضمانات وتطلب من الناس دفع {amount} درهم كمصاريف الملف ثم تختفي.',
      'شخص يدعي أنه يعمل في شركة توظيف ويطلب {amount} درهم مقابل عقد عمل في الخارج. الحساب: {handle}',
    ],
    fr: [
      'Cette page propose des crédits sans justificatif et demande {amount} DH de frais de dossier, puis bloque les gens.',
      'Faux recrutement pour des contrats en Espagne, ils demandent {amount} dirhams par transfert avant de disparaître.',
    ],
    darija_latn: [
      "had l'compte kay9ad l'flous mn 3and nass, kaygol lik 3ando khdma f lkharij w kaytlab {amount} dh 9bel",
      'nsab 3liya b {amount} dh, kaybi3 iphone b taman rkhis w mli sifet lflous blokani',
      "had l page kat3ti 9rodat bla wra9 w mn b3d kat9ad lik {amount} dh dyal l'frais",
    ],
    darija_arab: ['هاد الصفحة كتنصب على الناس، كيقولو عندهم خدمة فالخارج وكيطلبو {amount} درهم قبل'],
    en: ['This account posts fake job offers abroad and asks for {amount} MAD upfront for a visa file.'],
    es: ['Esta cuenta publica ofertas de trabajo falsas y pide {amount} dírhams por adelantado. Nos estafaron a mí y a mi primo.'],
  },
  sextortion: {
    ar: [
      'تعرفت على شخص في {platform} وبعد مدة بدأ يهددني بنشر صور خاصة إذا لم أرسل له {amount} درهم.',
      'الحساب {handle} يبتز الشباب بتسجيلات مكالمات فيديو ويطلب المال.',
    ],
    fr: [
      'Une personne rencontrée sur {platform} menace de publier des vidéos intimes si je ne paie pas {amount} DH.',
      "Le compte {handle} fait du chantage avec des captures d'appels vidéo et demande de l'argent par transfert.",
    ],
    darija_latn: [
      'wahed tsaheb m3aya f {platform} w daba kayhded bach ynshar tsawer dyali ila ma sifetch lih {amount} dh',
      'kaybtez drari b videos dyal appel video, kaytlab lflous f cash plus',
    ],
    darija_arab: ['واحد كيهددني باش ينشر تصاور ديالي إلا ما صيفطتش ليه {amount} درهم'],
    en: ['Someone I met on {platform} is threatening to share private photos unless I pay {amount} MAD.'],
    es: ['Una persona me amenaza con publicar fotos privadas si no le pago {amount} dírhams.'],
  },
  child_sexual_exploitation: {
    ar: [
      'حساب {handle} ينشر صورا لأطفال مع تعليقات غير لائقة ويطلب من القاصرين التواصل معه في الخاص.',
      'مجموعة على {platform} يتم فيها تبادل صور قاصرين، أرجو التدخل بسرعة.',
    ],
    fr: [
      'Le compte {handle} publie des photos d’enfants avec des commentaires déplacés et contacte des mineurs en privé.',
      'Un groupe sur {platform} où des adultes échangent des images de mineurs. Merci d’agir vite.',
    ],
    darija_latn: [
      'had l compte kaynshar tsawer dyal drari sghar w kayhder m3ahom f prive, khasskom tdakhlo',
      'kayn groupe f {platform} fih nass kayt9asmo tsawer dyal l9asirin',
    ],
    darija_arab: ['هاد الحساب كيتواصل مع الدراري الصغار فالخاص وكيطلب منهم تصاور'],
    en: ['An adult account contacting children privately and asking them for pictures. Please act fast.'],
    es: ['Una cuenta de un adulto que contacta a menores en privado y les pide fotos.'],
  },
  terrorism_apology: {
    ar: [
      'صفحة تمجد العمليات الإرهابية وتنشر صور منفذي الهجمات على أنهم أبطال.',
      'الحساب {handle} ينشر مقاطع تشيد بتنظيم داعش ويعلق عليها بالدعاء لهم.',
    ],
    fr: ['Cette page glorifie des attentats et présente leurs auteurs comme des héros.', 'Le compte {handle} partage des vidéos à la gloire de Daech.'],
    darija_latn: ['had l page katmjjed dda3ich w katnshar tsawer dyal li daro attentats b7al ila hma abtal'],
    darija_arab: ['هاد الصفحة كتمجد داعش وكتنشر تصاور ديال اللي دارو التفجيرات'],
    en: ['This channel praises terrorist attacks and calls the attackers martyrs.'],
    es: ['Este canal glorifica atentados terroristas y llama mártires a los autores.'],
  },
  terrorism_incitement: {
    ar: [
      'قناة على {platform} تدعو الشباب للالتحاق بجماعات مسلحة وتنشر كتيبات تدريب.',
      'منشور يحرض على تنفيذ هجوم خلال الأيام القادمة في {city}.',
    ],
    fr: [
      'Une chaîne {platform} appelle les jeunes à rejoindre des groupes armés et diffuse des manuels.',
      'Message appelant à commettre un attentat à {city} dans les prochains jours.',
    ],
    darija_latn: [
      "kayn wahed f {platform} kay3ayet l chabab bach ymchiw l sahel w ydkhlo m3a jama3at mossala7a",
      'kaykteb bli khass ydiro attentat f {city}, rah khatir',
    ],
    darija_arab: ['كاين واحد كيحرض الشباب باش يديرو هجوم ف {city}'],
    en: ['A channel recruiting young people for armed groups and sharing training manuals.'],
    es: ['Un canal que recluta a jóvenes para grupos armados y difunde manuales.'],
  },
  crime_incitement: {
    ar: ['فيديو يحرض على الاعتداء على عناصر الأمن ويشرح كيفية سرقة السيارات.', 'صفحة تدعو إلى إحراق الممتلكات العامة في {city}.'],
    fr: ['Vidéo qui pousse à agresser des policiers et explique comment voler des voitures.', 'Page qui appelle à incendier des biens publics à {city} ce week-end.'],
    darija_latn: ['had l video kat3ayet l nass bach yddarbo m3a l bolis w y7er9o tomobilat', 'kaychre7 kifach tsre9 l motorat w kaychaje3 drari'],
    darija_arab: ['هاد الفيديو كيشجع الدراري على السرقة والتخربيق'],
    en: ['A video encouraging people to attack police officers and burn cars in {city}.'],
    es: ['Un vídeo que incita a atacar a la policía y a quemar coches en {city}.'],
  },
  hate_discrimination: {
    ar: ['منشورات عنصرية ضد المهاجرين من إفريقيا جنوب الصحراء وتدعو إلى طردهم.', 'صفحة تنشر خطاب كراهية ضد الأمازيغ وتسخر منهم.'],
    fr: ['Publications racistes contre les migrants subsahariens, appels à les chasser du quartier.', 'Propos haineux répétés contre une communauté religieuse dans les commentaires de {handle}.'],
    darija_latn: ["kaysebb l'afarqa w kaygol khasshom ytjerro mn lbled, klam 3onsori bzaf", 'had l compte kaynshar klam dyal lkorh 3la nass dyal {city}'],
    darija_arab: ['كيسب الأفارقة وكيقول خاصهم يتجرو من البلاد'],
    en: ['Racist posts against sub-Saharan migrants calling for them to be expelled.'],
    es: ['Publicaciones racistas contra migrantes subsaharianos que piden expulsarlos.'],
  },
  threats_extortion: {
    ar: ['شخص يهددني بالقتل عبر رسائل صوتية على {platform} بعد خلاف حول مبلغ مالي.', 'الحساب {handle} يهدد صاحب متجر بنشر معلومات كاذبة إذا لم يدفع {amount} درهم.'],
    fr: ['On me menace de mort par messages vocaux sur {platform} depuis une semaine.', 'Le compte {handle} menace un commerçant de {city} et exige {amount} DH.'],
    darija_latn: ['kayhddeni b l9tal f messages vocaux 3la {platform} mn simana', 'kaytlab mni {amount} dh wla ghadi yfde7ni 9dam l3a2ila'],
    darija_arab: ['كيهددني بالقتل فالميساجات الصوتية ديال {platform}'],
    en: ['I am receiving death threats by voice messages on {platform}.'],
    es: ['Recibo amenazas de muerte por mensajes de voz en {platform}.'],
  },
  violence: {
    ar: ['فيديو يظهر اعتداء عنيفا على شخص في الشارع ويتم تداوله بشكل واسع.', 'مقطع تعذيب حيوان ينتشر في مجموعات {platform}.'],
    fr: ["Vidéo d'une agression très violente dans la rue à {city}, elle circule partout.", "Des vidéos de bagarres au couteau filmées devant un lycée."],
    darija_latn: ['video fih wahed kayddarbo b jnwa f {city}, rah dayra lbuzz', 'kaynshro videos dyal tcharmil w drari kaytfarjo'],
    darija_arab: ['فيديو فيه واحد كيتضرب بالجنوى ف {city}'],
    en: ['A very violent street assault filmed in {city} is going viral.'],
    es: ['Un vídeo de una agresión muy violenta en la calle en {city} se está haciendo viral.'],
  },
  privacy_defamation: {
    ar: ['تم نشر صوري ورقم هاتفي دون إذني مع اتهامات كاذبة.', 'صفحة {handle} تنشر معلومات شخصية عن أستاذة وتشهر بها.'],
    fr: ['Quelqu’un a publié mes photos et mon numéro avec de fausses accusations.', "La page {handle} diffuse l'adresse et la photo d'une enseignante de {city} pour l'humilier."],
    darija_latn: ['nshro tswira dyali w nmra dyal tilifoni bla ma n3ref, w kaygolo 3liya klam khayb', "had l page katfdah nass b smiyathom w l'adresse dyalhom"],
    darija_arab: ['نشرو تصويرتي ونمرة التيليفون ديالي بلا إذن ديالي'],
    en: ['My photos and phone number were posted without my consent, with false accusations.'],
    es: ['Publicaron mis fotos y mi número de teléfono sin mi permiso, con acusaciones falsas.'],
  },
  illegal_goods: {
    ar: ['حساب يبيع أقراص مهلوسة (القرقوبي) بدون وصفة ويوصلها إلى {city}.', 'صفحة تعرض أسلحة بيضاء للبيع عبر الواتساب.', 'منشور يعرض شراء وبيع الأعضاء البشرية مقابل المال.'],
    fr: ['Compte qui vend des psychotropes sans ordonnance avec livraison à {city}.', "Page qui propose des armes et des pièces d'identité contrefaites."],
    darija_latn: ["kaybi3 l9r9obi w l'ma3joun f {platform}, kaywsel l {city}", "kaybi3 dwa dyal l'ijhad bla wasfa w kaytlab {amount} dh"],
    darija_arab: ['كيبيع القرقوبي فالإنستا وكيوصل حتى للدار'],
    en: ['This account sells prescription drugs without prescription and delivers in {city}.'],
    es: ['Esta cuenta vende medicamentos sin receta y armas, con entrega a domicilio.'],
  },
  other: {
    ar: ['محتوى مزعج ومشبوه، لا أعرف في أي خانة أضعه.', 'حساب ينتحل صفة مؤسسة رسمية ويطلب معطيات شخصية.'],
    fr: ['Contenu suspect, je ne sais pas dans quelle catégorie le mettre.', 'Un compte se fait passer pour une administration et demande des données personnelles.'],
    darija_latn: ['ma3reftch f ina categorie ndirha, walakin had chi machi normal', 'kayn compte kaydir rasso idara rasmiya w kaytlab l ma3lomat dyal nass'],
    darija_arab: ['ماعرفتش فين نصنفها ولكن هاد الشي ماشي نورمال'],
    en: ['Suspicious content, not sure which category fits.'],
    es: ['Contenido sospechoso, no sé en qué categoría ponerlo.'],
  },
  // Categories the public form may add before the workstation knows them.
  deepfake_abuse: {
    ar: ['فيديو مفبرك بالذكاء الاصطناعي يظهر وجهي في محتوى لم أصوره أبدا.'],
    fr: ['Une vidéo truquée par IA utilise mon visage dans un contenu que je n’ai jamais tourné.'],
    darija_latn: ["dayrin video b l'IA fiha wjhi, ana 3omri ma sawert had chi"],
    en: ['An AI-generated video puts my face on content I never filmed.'],
  },
  election_disinformation: {
    ar: ['حسابات وهمية تنشر أخبارا كاذبة عن مواعيد التصويت.'],
    fr: ['Des faux comptes diffusent de fausses dates de vote.'],
    darija_latn: ['comptes fake kaynshro akhbar kdoub 3la l intikhabat'],
  },
  impersonation: {
    ar: ['حساب ينتحل صفتي ويراسل أصدقائي لطلب المال.'],
    fr: ["Un compte usurpe mon identité et écrit à mes amis pour leur demander de l'argent."],
    darija_latn: ['kayn compte dayr smiti w tswira dyali w kaytlab lflous mn s7abi'],
  },
};

/** Which unknown categories appear, and which core sentences they borrow. */
export const UNKNOWN_CATEGORIES = ['deepfake_abuse', 'election_disinformation', 'impersonation', 'online_gambling'] as const;

export const OPENERS: Texts = {
  ar: ['السلام عليكم،', 'مرحبا،', 'أريد التبليغ عن هذا المحتوى.', 'السلام عليكم ورحمة الله،'],
  fr: ['Bonjour,', 'Bonsoir,', 'Je souhaite signaler ce contenu.', 'Bjr,'],
  en: ['Hello,', 'Hi,', 'I want to report this.'],
  es: ['Hola,', 'Buenas,', 'Quiero denunciar esto.'],
  darija_latn: ['salam,', 'slm 3likom', '3afak', 'salam khouya'],
  darija_arab: ['السلام،', 'عافاكم'],
};

export const DETAILS: Texts = {
  ar: [
    'الحساب نشيط منذ {n} أشهر ولديه آلاف المتابعين.',
    'قمت بالتبليغ عنه في {platform} لكن لم يتم حذفه.',
    'هناك ضحايا آخرون في {city}.',
    'أرفقت لقطات الشاشة.',
    'الرابط: {url}',
    'اسم الحساب {handle} ويغيره كل مرة.',
  ],
  fr: [
    "Le compte est actif depuis {n} mois et a des milliers d'abonnés.",
    "Je l'ai signalé à {platform} mais rien n'a été fait.",
    "Il y a d'autres victimes à {city}.",
    "Captures d'écran en pièce jointe.",
    'Lien : {url}',
    'Le compte {handle} change de nom régulièrement.',
  ],
  en: ['The account has been active for {n} months.', 'I reported it to {platform} but nothing happened.', 'There are other victims in {city}.', 'Screenshots attached.', 'Link: {url}'],
  es: ['La cuenta lleva {n} meses activa.', 'Lo denuncié en {platform} pero no hicieron nada.', 'Adjunto capturas.', 'Enlace: {url}'],
  darija_latn: [
    "l compte 3ando {n} chhor w fih bzaf dyal l'abonnés",
    'drt signaler f {platform} walakin walo',
    'kaynin d7aya khrin f {city}',
    'sifetlkom les captures',
    'ha lien: {url}',
    'smito {handle} w kaybdlo kola mra',
  ],
  darija_arab: ['درت سينيالي ف {platform} ولكن والو', 'كاينين ضحايا آخرين ف {city}', 'هاهو اللينك {url}'],
};

export const CLOSERS: Texts = {
  ar: ['أرجو التدخل العاجل.', 'شكرا لكم.', 'الله يجازيكم بخير'],
  fr: ["Merci d'intervenir rapidement.", 'Merci.', "C'est urgent svp !!"],
  en: ['Please act quickly.', 'Thanks.'],
  es: ['Por favor, actúen rápido.', 'Gracias.'],
  darija_latn: ['3afakom dakhlo daba', 'llah yjazikom bikhir', 'chokran'],
  darija_arab: ['الله يجازيكم بخير', 'عافاكم دخلو'],
};

/** What a reporter adds in a revision. */
export const REVISION_NOTES: Texts = {
  ar: ['تحديث: الحساب غير اسمه ونشر محتوى جديد.', 'إضافة: وجدت رابطا آخر لنفس الشخص.'],
  fr: ['Mise à jour : le compte a changé de nom et continue.', "Ajout : j'ai trouvé un autre lien de la même personne."],
  en: ['Update: the account changed its name and keeps posting.', 'Addition: I found another link from the same person.'],
  es: ['Actualización: la cuenta cambió de nombre y sigue publicando.'],
  darija_latn: ['update: bdel smiya dyal l compte w mazal kaynshar', "zid 3la had chi: l9it lien akhor dyal nafs chakhs"],
  darija_arab: ['تحديث: بدل السمية ديال الحساب ومازال كينشر'],
};

export const EMPHASIS = ['🙏', '⚠️', '!!!', '😡', '🙏🙏', '…', '??'];

/** How platforms are named in free text, per script. */
export const PLATFORM_WORDS: Record<string, { latin: string; arabic: string }> = {
  facebook: { latin: 'Facebook', arabic: 'فيسبوك' },
  instagram: { latin: 'Instagram', arabic: 'إنستغرام' },
  tiktok: { latin: 'TikTok', arabic: 'تيك توك' },
  youtube: { latin: 'YouTube', arabic: 'يوتيوب' },
  x: { latin: 'X (Twitter)', arabic: 'تويتر' },
  telegram: { latin: 'Telegram', arabic: 'تيليغرام' },
  whatsapp: { latin: 'WhatsApp', arabic: 'واتساب' },
  snapchat: { latin: 'Snapchat', arabic: 'سناب شات' },
  website: { latin: 'le site', arabic: 'الموقع' },
  other: { latin: 'internet', arabic: 'الأنترنت' },
};

export const FIRST_NAMES = [
  'Youssef', 'Fatima Zahra', 'Mohamed', 'Khadija', 'Omar', 'Salma', 'Hamza', 'Imane', 'Ayoub', 'Meryem', 'Othmane', 'Nadia',
  'Reda', 'Hajar', 'Yassine', 'Sanae', 'Anas', 'Kawtar', 'Ilyas', 'Zineb', 'Mehdi', 'Asmae', 'Karim', 'Houda', 'Abdelilah',
  'Soukaina', 'Rachid', 'Loubna', 'Said', 'Nouhaila', 'Brahim', 'Chaimae', 'Hicham', 'Oumaima', 'Mustapha', 'Ikram',
] as const;

export const LAST_NAMES = [
  'El Amrani', 'Benali', 'Bennani', 'Alaoui', 'El Idrissi', 'Tazi', 'Berrada', 'Chraibi', 'Ouazzani', 'El Fassi', 'Lahlou',
  'Naciri', 'Benjelloun', 'Ait Lahcen', 'Ouchen', 'Boukhari', 'Zerouali', 'Jabri', 'El Mansouri', 'Haddaoui', 'Sbai',
  'Ait Brahim', 'Belhaj', 'Kettani', 'Essaidi', 'Amzil', 'Oubella', 'Raji',
] as const;

export const ARABIC_NAMES = ['يوسف العمراني', 'فاطمة الزهراء بناني', 'محمد العلوي', 'خديجة الإدريسي', 'عمر التازي', 'سلمى برادة', 'حمزة الشرايبي', 'إيمان الفاسي'] as const;

export const EMAIL_DOMAINS = ['gmail.com', 'hotmail.fr', 'yahoo.fr', 'outlook.com', 'menara.ma', 'hotmail.com', 'gmail.com', 'icloud.com'] as const;

/** Moroccan cities by region, some written as people write them (Casa, Tanja, Arabic script). */
export const CITIES_BY_REGION: Record<string, readonly string[]> = {
  'MA-01': ['Tanger', 'Tétouan', 'Al Hoceïma', 'Larache', 'Chefchaouen', 'Ksar El Kébir', 'Fnideq', 'Tanja', 'طنجة'],
  'MA-02': ['Oujda', 'Nador', 'Berkane', 'Taourirt', 'Jerada', 'Figuig', 'وجدة'],
  'MA-03': ['Fès', 'Meknès', 'Taza', 'Ifrane', 'Sefrou', 'Fes', 'فاس'],
  'MA-04': ['Rabat', 'Salé', 'Kénitra', 'Témara', 'Khémisset', 'Sidi Kacem', 'Sale', 'الرباط'],
  'MA-05': ['Béni Mellal', 'Khouribga', 'Khénifra', 'Fquih Ben Salah', 'Azilal', 'بني ملال'],
  'MA-06': ['Casablanca', 'Mohammédia', 'El Jadida', 'Settat', 'Berrechid', 'Casa', 'الدار البيضاء'],
  'MA-07': ['Marrakech', 'Safi', 'Essaouira', 'El Kelâa des Sraghna', 'Youssoufia', 'مراكش'],
  'MA-08': ['Errachidia', 'Ouarzazate', 'Tinghir', 'Zagora', 'Midelt', 'ورزازات'],
  'MA-09': ['Agadir', 'Inezgane', 'Taroudant', 'Tiznit', 'Ouled Teima', 'أكادير'],
  'MA-10': ['Guelmim', 'Tan-Tan', 'Sidi Ifni', 'Assa', 'كلميم'],
  'MA-11': ['Laâyoune', 'Boujdour', 'Tarfaya', 'Es-Semara', 'العيون'],
  'MA-12': ['Dakhla', 'Aousserd', 'الداخلة'],
};

/** Roughly by population: most reports come from Casablanca-Settat and Rabat-Salé-Kénitra. */
export const REGION_WEIGHTS: readonly (readonly [string, number])[] = [
  ['MA-06', 21], ['MA-04', 14], ['MA-01', 11], ['MA-03', 12], ['MA-07', 13], ['MA-09', 8],
  ['MA-02', 7], ['MA-05', 7], ['MA-08', 5], ['MA-10', 1.3], ['MA-11', 1.1], ['MA-12', 0.6],
];

/** Where reporters abroad live, with a phone prefix for identified ones. */
export const ABROAD: readonly { country: string; cities: readonly string[]; phone: string; phoneDigits: number; weight: number }[] = [
  { country: 'FR', cities: ['Paris', 'Lyon', 'Marseille', 'Montpellier', 'Toulouse', 'Lille'], phone: '+336', phoneDigits: 8, weight: 30 },
  { country: 'ES', cities: ['Madrid', 'Barcelona', 'Málaga', 'Murcia', 'Almería'], phone: '+346', phoneDigits: 8, weight: 20 },
  { country: 'BE', cities: ['Bruxelles', 'Anvers', 'Liège'], phone: '+324', phoneDigits: 8, weight: 10 },
  { country: 'NL', cities: ['Amsterdam', 'Rotterdam', 'Utrecht'], phone: '+316', phoneDigits: 8, weight: 8 },
  { country: 'IT', cities: ['Milano', 'Torino', 'Bologna'], phone: '+393', phoneDigits: 9, weight: 9 },
  { country: 'DE', cities: ['Düsseldorf', 'Frankfurt am Main', 'Köln'], phone: '+4915', phoneDigits: 9, weight: 5 },
  { country: 'CA', cities: ['Montréal', 'Toronto'], phone: '+1514', phoneDigits: 7, weight: 5 },
  { country: 'US', cities: ['New York', 'Washington'], phone: '+1202', phoneDigits: 7, weight: 3 },
  { country: 'AE', cities: ['Dubai', 'Abu Dhabi'], phone: '+9715', phoneDigits: 8, weight: 5 },
  { country: 'SA', cities: ['Riyadh', 'Jeddah'], phone: '+9665', phoneDigits: 8, weight: 2 },
  { country: 'QA', cities: ['Doha'], phone: '+9745', phoneDigits: 7, weight: 1 },
  { country: 'GB', cities: ['London'], phone: '+447', phoneDigits: 9, weight: 2 },
];

/** GPS of a few Moroccan cities, for EXIF. */
export const CITY_COORDINATES: readonly (readonly [number, number])[] = [
  [33.5731, -7.5898], [34.0209, -6.8416], [35.7595, -5.834], [34.0181, -5.0078], [31.6295, -7.9811],
  [30.4278, -9.5981], [34.6814, -1.9086], [27.1536, -13.2033], [23.6848, -15.958],
];

export const CAMERAS: readonly (readonly [string, string])[] = [
  ['samsung', 'SM-A525F'], ['samsung', 'SM-A145F'], ['Apple', 'iPhone 12'], ['Apple', 'iPhone 13 Pro'], ['Xiaomi', 'Redmi Note 11'],
  ['HUAWEI', 'ELE-L29'], ['OPPO', 'CPH2219'], ['Infinix', 'X6816'],
];

export const WORKSTATIONS = ['ws-casa-01', 'ws-casa-02', 'ws-rabat-01', 'ws-rabat-03', 'ws-fes-01', 'ws-tanger-02', 'ws-marrakech-01', 'ws-agadir-01', 'ws-oujda-01', 'ws-laayoune-01'] as const;

/** Pieces for account handles. */
export const HANDLE_WORDS = [
  'casa', 'rbat', 'tanja', 'maroc', 'morocco', 'lbnat', 'drari', 'promo', 'deals', 'khedma', 'tawdif', 'credit', 'rapide',
  'sahafa', 'akhbar', 'hamza', 'simo', 'officiel', 'vip', 'store', 'shop', 'pharma', 'news', 'live', 'hourra', 'zwin', 'bladi',
  'atlas', 'souk', 'flous', 'visa', 'lkhedma', 'ghazal', 'nour', 'amine', 'dz', 'ma', 'tv', 'fans', 'real',
] as const;

/** Words of scam and shop websites. */
export const SITE_WORDS = ['credit', 'rapide', 'maroc', 'tawdif', 'promo', 'billets', 'pharma', 'sans-ordonnance', 'visa', 'emploi', 'lotto', 'cadeau', 'iphone', 'cnss', 'aide', 'dar', 'bladi', 'cash'] as const;
export const SITE_TLDS = ['.com', '.net', '.ma', '.shop', '.store', '.online', '.xyz', '.info', '.win', '.site'] as const;

/** What citizens paste where a link is expected. */
export const NOT_URLS = [
  'ma3raftch lien',
  'page dyal facebook smitha {handle}',
  'https://',
  'www.',
  '{handle}',
  'voir capture',
  'انظر الصورة المرفقة',
  'https//www.facebook.com/{handle}',
  'htps://www.tiktok.com/@{handle}',
  'facebook.com/ {handle}',
  '0661{digits}',
  'lien supprimé',
  'http://localhost:8080/',
  'javascript:alert(1)',
] as const;

export const PNG_FILENAMES = [
  'capture.png', 'Screenshot_{date}-{time}_com.facebook.katana.png', 'Capture d’écran {isodate} à {dottime}.png', 'لقطة شاشة.png', 'image.png',
  'screen1.png', 'Screenshot_{date}-{time}_TikTok.png', 'IMG_{date}_{time}.png',
] as const;
export const JPEG_FILENAMES = ['IMG-{date}-WA00{nn}.jpg', 'IMG_48{nn}.JPG', 'photo.jpeg', 'received_1234{nn}56789.jpeg', 'صورة.jpg', '{date}_{time}.jpg'] as const;
/** Filenames a hostile or careless sender may use: the workstation must never trust them. */
export const HOSTILE_FILENAMES = ['../../../capture.png', '..\\..\\Windows\\capture.png', 'facture\u202Egnp.exe', 'CON.png', ' .png', `${'a'.repeat(180)}.png`, 'capture.png\u0000.exe'] as const;
