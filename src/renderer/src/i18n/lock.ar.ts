/** Arabic messages of the lock screen: exactly the keys of the French file. */
import type { lockFr } from './lock.fr.ts';
import type { ArabicMessages } from './translate.ts';

export const lockAr: ArabicMessages<typeof lockFr> = {
  'lock.title': 'المحطة مقفلة',
  'lock.intro': 'أدخل اسم الدخول وعبارة المرور لفتح المخزن المشفّر.',
  'lock.name': 'اسم الدخول',
  'lock.nameRequired': 'أدخل اسم الدخول.',
  'lock.passphrase': 'عبارة المرور',
  'lock.submit': 'فتح القفل',
  'lock.busy': 'جارٍ التحقق من عبارة المرور…',
  'lock.initial.title': 'اختر عبارة المرور الخاصة بك',
  'lock.initial.intro':
    '{name}، لقد فتحت المحطة بعبارة المرور التي سلّمك إياها مشرفك. استبدلها بعبارة مرور لا يعرفها أحد غيرك: لن يُفتح أي شيء آخر قبل ذلك.',
  'lock.initial.next': 'عبارة المرور الجديدة',
  'lock.initial.confirm': 'تأكيد عبارة المرور الجديدة',
  'lock.initial.submit': 'حفظ وفتح',
  'lock.initial.cancel': 'قفل',
  'lock.initial.busy': 'جارٍ حفظ عبارة المرور…',
  'lock.reason.idle': 'قُفلت المحطة تلقائيًّا بعد فترة من عدم النشاط.',
  'lock.reason.os-lock': 'قُفلت المحطة مع قفل جلسة النظام.',
  'lock.reason.suspend': 'قُفلت المحطة قبل الدخول في وضع السكون.',
};
