/** Arabic messages of the shell and what every screen shares: application, navigation, languages, roles, common words, durations, the demo marking, the cases placeholder: exactly the keys of the French file. */
import type { shellFr } from './shell.fr.ts';
import type { ArabicMessages } from './translate.ts';

export const shellAr: ArabicMessages<typeof shellFr> = {
  'app.name': 'محطة عمل إبلاغ',
  'app.tagline': 'محطة فرز البلاغات عن المحتويات غير المشروعة على الإنترنت',
  'app.loading': 'جارٍ التحميل…',
  'app.unreachable.title': 'خدمات المحطة لا تستجيب',
  'app.unreachable.body': 'تعذّر على الواجهة قراءة حالة المحطة. تحقّق من أن التطبيق ما زال مفتوحًا، ثم أعد المحاولة.',

  'noBridge.title': 'فُتحت الصفحة خارج التطبيق',
  'noBridge.body':
    'لا تعمل هذه الصفحة إلا داخل محطة عمل إبلاغ: فهي لا تستطيع الوصول إلى المخزن المشفّر حين تُفتح مباشرةً في متصفح.',
  'noBridge.howTo':
    'شغّل التطبيق، أو لأغراض الاختبار، افتح العنوان الكامل (مع رمزه {token}) الذي يعرضه الأمر {command}.',

  'common.retry': 'إعادة المحاولة',
  'common.cancel': 'إلغاء',
  'common.loading': 'جارٍ التحميل…',
  // Referring reports another workstation has in analysis (a dossier's export, a case marked referred).
  'common.heldReferredToo': {
    zero: 'لا تتولّى أي محطة أخرى معالجة هذه البلاغات.',
    one: 'بلاغ واحد من هذه البلاغات تتولّى معالجته محطة أخرى ({stations}): سيُحال هو أيضًا.',
    two: 'بلاغان من هذه البلاغات تتولّى معالجتهما محطة أخرى ({stations}): سيُحالان هما أيضًا.',
    few: '{count} بلاغات من هذه البلاغات تتولّى معالجتها محطة أخرى ({stations}): ستُحال هي أيضًا.',
    many: '{count} بلاغًا من هذه البلاغات تتولّى معالجتها محطة أخرى ({stations}): ستُحال هي أيضًا.',
    other: '{count} بلاغ من هذه البلاغات تتولّى معالجتها محطة أخرى ({stations}): ستُحال هي أيضًا.',
  },
  'common.none': '—',
  'common.yes': 'نعم',
  'common.no': 'لا',
  'common.pair': '{label}: {value}',
  'common.technicalDetail': 'تفاصيل تقنية',
  'common.key.escape': 'Esc',
  'common.key.enter': 'Enter',
  'common.key.space': 'المسافة',
  'common.key.home': 'Home',
  'common.key.end': 'End',
  'common.key.pageUp': 'PageUp',
  'common.key.pageDown': 'PageDown',
  'common.key.shift': 'Shift',
  'common.key.ctrl': 'Ctrl',
  'common.shownOf': 'المعروض: {shown} من أصل {total}',
  'common.refresh': 'تحديث',

  'time.underSecond': 'أقل من ثانية',
  'time.seconds': '{s} ث',
  'time.minutesSeconds': '{m} د {s} ث',
  'time.hoursMinutes': '{h} س {m} د',
  'time.minutes': {
    zero: '{count} دقيقة',
    one: 'دقيقة واحدة',
    two: 'دقيقتان',
    few: '{count} دقائق',
    many: '{count} دقيقةً',
    other: '{count} دقيقة',
  },
  'time.hours': {
    zero: '{count} ساعة',
    one: 'ساعة واحدة',
    two: 'ساعتان',
    few: '{count} ساعات',
    many: '{count} ساعةً',
    other: '{count} ساعة',
  },
  'time.days': {
    zero: '{count} يوم',
    one: 'يوم واحد',
    two: 'يومان',
    few: '{count} أيام',
    many: '{count} يومًا',
    other: '{count} يوم',
  },

  'demo.flag': 'تجريبي — بيانات وهمية',
  'demo.flagTitle': 'هذه المحطة مرتبطة بخدمة الاستقبال التجريبية المدمجة: كل البلاغات المعروضة مولَّدة آليًّا ووهمية.',
  'demo.badge': 'تجريبي',
  'demo.badgeTitle': 'بلاغ وهمي مولَّد من الخدمة التجريبية',

  'lang.switch': 'لغة الواجهة',
  'lang.name.fr': 'Français',
  'lang.name.ar': 'العربية',
  'lang.short.fr': 'FR',
  'lang.short.ar': 'ع',

  'role.analyst': 'محلل',
  'role.supervisor': 'مشرف',
  'status.active': 'نشط',
  'status.disabled': 'معطَّل',

  'shell.skip': 'الانتقال إلى المحتوى',
  'shell.nav': 'التنقل الرئيسي',
  'shell.navCollapse': 'طيّ شريط التنقل',
  'shell.navExpand': 'توسيع شريط التنقل',
  'shell.user': 'المحلل المتصل',
  'shell.lock': 'قفل',
  'shell.lockTitle': 'قفل المحطة الآن (يُغلَق المخزن المشفّر)',
  'shell.shortcut': 'Alt+{n}',

  'nav.queue': 'قائمة البلاغات',
  'nav.cases': 'القضايا',
  'nav.sync': 'المزامنة',
  'nav.audit': 'سجل التدقيق',
  'nav.settings': 'الإعدادات',

  'cases.emptyTitle': 'لا توجد قضايا',
  'cases.emptyBody':
    'تجمع القضايا البلاغات المرتبطة بالقضية نفسها. تُنشأ انطلاقًا من قائمة البلاغات، بعد استلام بلاغات عن طريق المزامنة.',
  'cases.toQueue': 'فتح القائمة',
};
