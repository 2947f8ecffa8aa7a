/** Arabic messages of backups: exactly the keys of the French file. */
import type { backupFr } from './backup.fr.ts';
import type { ArabicMessages } from './translate.ts';

export const backupAr: ArabicMessages<typeof backupFr> = {
  'backup.damaged.title': 'المخزن تالف',
  'backup.damaged.intro': 'فشل المخزن المشفّر لهذه المحطة في فحص السلامة أو لم يعد بالإمكان فكّ تشفيره. لم يُفتح أي شيء ولم يُعدَّل أي شيء.',
  'backup.damaged.keep': 'لا تحذف أي ملف من مجلد المخزن ولا تستبدله: يُحتفظ به كما هو أثرًا لما حدث، ويمكن فحصه.',
  'backup.damaged.restore': 'الاسترجاع من نسخة احتياطية',
  'backup.damaged.back': 'العودة إلى فتح القفل',
  'backup.damaged.stepsTitle': 'استرجاع آخر نسخة احتياطية',
  'backup.damaged.step.verify': 'تحقّق من آخر نسخة احتياطية (ملف ‎.iblagh-backup) بعبارة مرورك:',
  'backup.damaged.step.aside': 'أغلق التطبيق، ثم غيّر اسم مجلد المخزن التالف (مثلًا store إلى store-endommage) دون حذف أي شيء منه.',
  'backup.damaged.step.restore': 'استرجع النسخة الاحتياطية في المجلد الأصلي الذي لم يعد موجودًا: لا يتم الاسترجاع إلا في مجلد فارغ.',
  'backup.damaged.step.unlock': 'أعد تشغيل التطبيق: يفتح كل ملف المخزنَ المسترجَع بعبارة مروره الخاصة.',
  'backup.damaged.step.recovery': 'إذا لم تعد أي عبارة مرور معروفة، يسترجع مشرفٌ النسخةَ بمفتاح الاسترجاع المطبوع وينشئ ملف مشرف جديدًا:',
  'backup.damaged.placeholder.file': 'النسخة.iblagh-backup',
  'backup.damaged.placeholder.folder': 'مجلد-القاعدة',
  'backup.damaged.placeholder.name': 'الاسم',
  'backup.damaged.placeholder.key': 'المفتاح.txt',
  'backup.settings.title': 'النسخ الاحتياطية',
  'backup.settings.intro': 'النسخة الاحتياطية ملف واحد مشفّر، تفتحه عبارة مرور كل ملف أو مفتاح الاسترجاع حين لا تبقى أي عبارة مرور معروفة. بدون مفتاح استرجاع لا تُنشأ أي نسخة احتياطية.',
  'backup.settings.current': 'مفتاح الاسترجاع المعتمد (البصمة)',
  'backup.settings.none': 'لا يوجد: ولِّده قبل أول نسخة احتياطية.',
  'backup.settings.generate': 'توليد مفتاح الاسترجاع',
  'backup.settings.replace': 'استبدال مفتاح الاسترجاع…',
  'backup.settings.confirmReplace': 'تأكيد الاستبدال',
  'backup.settings.cancel': 'إلغاء',
  'backup.settings.replaceWarning': 'سيفتح المفتاح الجديد النسخ الاحتياطية المنشأة من الآن فصاعدًا؛ أما النسخ الأقدم فتبقى مرتبطة بالمفتاح القديم. احتفظ به أيضًا.',
  'backup.settings.shownOnce': 'مفتاح الاسترجاع، يُعرض مرة واحدة فقط: انسخه أو اطبعه الآن واحفظه في خزنة. لن يُعرض مرة أخرى أبدًا.',
  'backup.settings.fingerprint': 'البصمة: {fingerprint}',
  'backup.settings.written': 'تمّ التدوين',
  'backup.settings.commands': 'تُنشأ النسخ الاحتياطية وتُتحقَّق وتُسترجَع من سطر الأوامر (iblagh-ws backup create وverify وrestore):',
};
