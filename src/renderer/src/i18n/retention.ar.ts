/** Arabic messages of the retention settings (law 09-08): exactly the keys of the French file. */
import type { retentionFr } from './retention.fr.ts';
import type { ArabicMessages } from './translate.ts';

export const retentionAr: ArabicMessages<typeof retentionFr> = {
  'retention.title': 'مدد الحفظ (القانون 09-08)',
  'retention.intro':
    'لا تُحفظ المعطيات الشخصية إلا المدة الضرورية. يكون البلاغ «مغلقًا» متى صارت حالته نهائية (محال، أو حُفظ دون متابعة، أو مكرر)، ابتداءً من تاريخ تلك الحالة. لا يُمَسّ أبدًا بلاغٌ يضمه ملف ما زال قيد المعالجة. حقل فارغ: القاعدة معطلة (افتراضيًا لا يُحذف شيء).',
  'retention.identityMonths': 'محو هوية المبلغ في البلاغات المغلقة منذ أكثر من (أشهر)',
  'retention.identityHint': 'يبقى البلاغ؛ ويفقد أصله الموقَّع الهوية، مع الاحتفاظ ببصمته SHA-256 وتوقيعه.',
  'retention.purgeMonths': 'حذف البلاغات المغلقة منذ أكثر من (أشهر)',
  'retention.purgeHint': 'يجب أن تتجاوز مدة محو الهوية. تُحذف أدلة البلاغ معه.',
  'retention.caseMonths': 'حذف الملفات المحالة أو المغلقة منذ أكثر من (أشهر)',
  'retention.caseHint': 'فقط متى حُذفت كل بلاغاتها بالقاعدة السابقة؛ وتُحذف معها الملاحظات والسجل ونسخ ملف الإحالة والأدلة.',
  'retention.range': 'عدد صحيح من الأشهر، من 1 إلى 600، أو فارغ.',
  'retention.order': 'يجب أن يأتي الحذف بعد محو الهوية.',
  'retention.needsPurge': 'لا تُحذف الملفات إلا مع بلاغاتها: حدّد أولًا قاعدة البلاغات.',
  'retention.save': 'حفظ القواعد',
  'retention.saved': 'تم حفظ القواعد.',
  'retention.preview': 'معاينة',
  'retention.previewTitle': 'ما سيحذفه تطبيق القواعد الآن',
  'retention.previewNone': 'لم تُحدَّد أي قاعدة: لن يُحذف شيء.',
  'retention.kind': 'العنصر',
  'retention.count': 'العدد',
  'retention.oldest': 'الأقدم',
  'retention.newest': 'الأحدث',
  'retention.kind.identities': 'هويات مبلغين ستُمحى',
  'retention.kind.reports': 'بلاغات ستُحذف',
  'retention.kind.cases': 'ملفات ستُحذف',
  'retention.kind.evidence': 'أدلة ستُحذف',
  'retention.held': 'بلاغات مغلقة محفوظة لأن ملفًا باقيًا يضمها: {n}',
  'retention.apply': 'تطبيق الآن…',
  'retention.confirmTitle': 'تطبيق مدد الحفظ',
  'retention.confirmBody':
    'هذه العملية نهائية: لا يمكن استرجاع الهويات الممحوة ولا العناصر المحذوفة. تُسجَّل في السجل بالأعداد فقط. ثم يُضغط المخزن.',
  'retention.confirm': 'المحو والحذف نهائيًا',
  'retention.cancel': 'إلغاء',
  'retention.done': 'طُبّقت مدد الحفظ: هويات ممحوة {identities}، بلاغات محذوفة {reports}، ملفات محذوفة {cases}، أدلة محذوفة {evidence}.',
  'retention.compacted': 'تم ضغط المخزن: لم يبقَ في ملفاته شيء مما حُذف.',
  'retention.notCompacted': 'تعذّر ضغط المخزن (كانت مزامنة تشغله): استُبدلت المعطيات المحذوفة بأصفار؛ أعد التطبيق لاحقًا لضغطه.',
};
