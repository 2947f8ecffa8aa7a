/** Arabic messages of the form fields shared by setup and settings: labels, local validation, the passphrase meter: exactly the keys of the French file. */
import type { formsFr } from './forms.fr.ts';
import type { ArabicMessages } from './translate.ts';

export const formsAr: ArabicMessages<typeof formsFr> = {
  'field.name': 'الاسم',
  'field.nameHint': 'الاسم الشخصي والعائلي كما سيظهران في سجل التدقيق. وهو أيضًا اسم الدخول الذي يُكتب على شاشة القفل.',
  'field.service': 'المصلحة',
  'field.serviceHint': 'الوحدة أو المصلحة التابع لها.',
  'field.role': 'الدور',
  'field.locale': 'اللغة',
  'field.passphrase': 'عبارة المرور',
  'field.passphraseConfirm': 'تأكيد عبارة المرور',
  'field.passphraseHint': {
    zero: 'سلسلة من أربع أو خمس كلمات لا رابط بينها قوية وسهلة التذكّر.',
    one: 'حرف واحد على الأقل: سلسلة من أربع أو خمس كلمات لا رابط بينها قوية وسهلة التذكّر.',
    two: 'حرفان على الأقل: سلسلة من أربع أو خمس كلمات لا رابط بينها قوية وسهلة التذكّر.',
    few: '{count} أحرف على الأقل: سلسلة من أربع أو خمس كلمات لا رابط بينها قوية وسهلة التذكّر.',
    many: '{count} حرفًا على الأقل: سلسلة من أربع أو خمس كلمات لا رابط بينها قوية وسهلة التذكّر.',
    other: '{count} حرف على الأقل: سلسلة من أربع أو خمس كلمات لا رابط بينها قوية وسهلة التذكّر.',
  },

  'date.placeholder': 'يوم/شهر/سنة',
  'date.invalid': 'تاريخ غير مفهوم: أدخل اليوم والشهر والسنة، مثل {example}.',
  'date.beforeMin': 'هذا التاريخ يسبق {min}: اختر تاريخًا ابتداءً منه.',
  'date.afterMax': 'هذا التاريخ يلي {max}: اختر تاريخًا حتى هذا التاريخ.',

  'file.choose': 'اختيار ملف…',
  'file.none': 'لم يُختر أي ملف',

  'validation.name': 'يجب أن يتراوح طول الاسم بين 2 و80 حرفًا، دون أحرف تحكّم.',
  'validation.service': 'يجب أن يتراوح طول اسم المصلحة بين 2 و80 حرفًا، دون أحرف تحكّم.',
  'validation.passphraseRequired': 'أدخل عبارة المرور.',
  'validation.passphraseMismatch': 'عبارتا المرور المُدخلتان غير متطابقتين.',
  'validation.passphraseWeak': 'عبارة المرور هذه ضعيفة جدًّا: اختر عبارة أطول وأصعب توقّعًا.',
  'validation.idleRange': 'أدخل عددًا صحيحًا من الدقائق بين {min} و{max}.',
  'validation.intakeUrl': 'أدخل العنوان الكامل للخدمة، مبتدئًا بـ https://\u200e (أو http://\u200e لعنوان محلي).',
  'validation.workstationId': 'أدخل معرّف المحطة: من 1 إلى 128 حرفًا من بين الحروف اللاتينية والأرقام والنقطة والشرطة والشرطة السفلية.',
  'validation.syncInterval': 'أدخل عددًا صحيحًا من الدقائق بين {min} و{max} (0: دون مزامنة في الخلفية).',
  'validation.tokenRequired': 'أدخل رمز الوصول المسلَّم لهذه المحطة.',
  'validation.keyRequired': 'اختر ملف المفتاح العمومي أو الصق محتواه.',
  'validation.keyFormat': 'هذا النص ليس مفتاحًا عموميًّا بصيغة PEM: يجب أن يتضمّن «\u2066-----BEGIN PUBLIC KEY-----\u2069».',
  'validation.keyFileRead': 'تعذّرت قراءة الملف المختار.',
  'validation.keyFileTooBig': 'هذا الملف أكبر من أن يكون مفتاحًا عموميًّا.',

  'meter.label': 'قوة عبارة المرور',
  'meter.empty': 'أدخل عبارة مرور لتقييم قوتها.',
  'meter.checking': 'جارٍ التقييم…',
  'meter.score.0': 'ضعيفة جدًّا',
  'meter.score.1': 'ضعيفة',
  'meter.score.2': 'متوسطة',
  'meter.score.3': 'جيدة',
  'meter.score.4': 'قوية جدًّا',
  'meter.valueText': 'القوة: {label} ({score} من 4)',
  'meter.acceptable': 'مطابقة لسياسة الأمان.',
  'meter.notAcceptable': 'مرفوضة وفق سياسة الأمان.',
  'meter.problem.too_short': {
    zero: 'قصيرة جدًّا.',
    one: 'قصيرة جدًّا: حرف واحد على الأقل.',
    two: 'قصيرة جدًّا: حرفان على الأقل.',
    few: 'قصيرة جدًّا: {count} أحرف على الأقل.',
    many: 'قصيرة جدًّا: {count} حرفًا على الأقل.',
    other: 'قصيرة جدًّا: {count} حرف على الأقل.',
  },
  'meter.problem.too_guessable': 'سهلة التخمين: تجنّب الكلمات الشائعة والأسماء والتواريخ وتسلسلات المفاتيح.',

  // Every reason the audit journal keeps: one rule (shared/reason.ts).
  'validation.reason': 'اذكر السبب في بضع كلمات: ثلاث كلمات أو عشرة أحرف على الأقل (لا تُحتسب علامات الترقيم ولا الأحرف المكرّرة).',
  'field.reasonHint': 'بضع كلمات: ثلاث كلمات أو عشرة أحرف على الأقل. يُسجَّل السبب في سجلّ التدقيق.',
};
