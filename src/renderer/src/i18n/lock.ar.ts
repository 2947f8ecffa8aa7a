/** Arabic messages of the lock screen: exactly the keys of the French file. */
import type { lockFr } from './lock.fr.ts';
import type { ArabicMessages } from './translate.ts';

export const lockAr: ArabicMessages<typeof lockFr> = {
  'lock.title': 'المحطة مقفلة',
  'lock.intro': 'اختر ملفك وأدخل عبارة المرور لفتح المخزن المشفّر.',
  'lock.profile': 'الملف',
  'lock.passphrase': 'عبارة المرور',
  'lock.submit': 'فتح القفل',
  'lock.busy': 'جارٍ التحقق من عبارة المرور…',
  'lock.noProfiles': 'لا يوجد أي ملف نشط على هذه المحطة. يُرجى التوجّه إلى مشرفك.',
  'lock.reason.idle': 'قُفلت المحطة تلقائيًّا بعد فترة من عدم النشاط.',
  'lock.reason.os-lock': 'قُفلت المحطة مع قفل جلسة النظام.',
  'lock.reason.suspend': 'قُفلت المحطة قبل الدخول في وضع السكون.',
};
