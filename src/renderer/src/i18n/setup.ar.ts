/** Arabic messages of the first-run setup screen: exactly the keys of the French file. */
import type { setupFr } from './setup.fr.ts';
import type { ArabicMessages } from './translate.ts';

export const setupAr: ArabicMessages<typeof setupFr> = {
  'setup.title': 'التشغيل الأول',
  'setup.intro': 'أنشئ الملف الأول لهذه المحطة. سيكون بصفة مشرف، ويمكنه بعد ذلك إنشاء ملفات المحللين الآخرين.',
  'setup.passphraseWarning': 'تحمي عبارة المرور هذه المخزن المشفّر للمحطة ولا يمكن استرجاعها: من دونها تضيع البيانات.',
  'setup.locale': 'لغة الملف',
  'setup.submit': 'إنشاء ملف المشرف',
  'setup.busy': 'جارٍ إنشاء المخزن المشفّر…',
};
