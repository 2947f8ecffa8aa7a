/** Arabic messages of the error codes of the contract, in general and in context: exactly the keys of the French file. */
import type { errorsFr } from './errors.fr.ts';
import type { ArabicMessages } from './translate.ts';

export const errorsAr: ArabicMessages<typeof errorsFr> = {
  'error.INVALID_INPUT': 'البيانات المُدخلة غير صالحة. تحقّق من الحقول ثم أعد المحاولة.',
  'error.LOCKED': 'المحطة مقفلة. افتح القفل للمتابعة.',
  'error.WRONG_PHASE': 'لا يمكن تنفيذ هذا الإجراء في الحالة الراهنة للمحطة.',
  'error.WRONG_PASSPHRASE': 'عبارة المرور غير صحيحة.',
  'error.THROTTLED': 'محاولات فاشلة كثيرة. انتظر قبل إعادة المحاولة.',
  'error.WEAK_PASSPHRASE': 'رُفضت عبارة المرور لأنها ضعيفة بالنظر إلى سياسة الأمان (ويجب ألّا تتضمّن الاسم أو المصلحة).',
  'error.PROFILE_DISABLED': 'هذا الملف معطَّل. يُرجى التوجّه إلى أحد المشرفين.',
  'error.FORBIDDEN': 'لا يسمح لك دورك بهذا الإجراء.',
  'error.NOT_FOUND': 'العنصر المطلوب غير موجود أو لم يعد موجودًا.',
  'error.CONFLICT': 'يتعارض هذا الإجراء مع بيانات موجودة.',
  'error.STORE_CORRUPT': 'تعذّر فكّ تشفير المخزن المشفّر أو فشل التحقق من سلامته. لا تحذف أي ملف، وأبلغ الدعم التقني.',
  'error.STORE_TOO_NEW': 'أُنشئ المخزن بإصدار أحدث من محطة عمل إبلاغ. ثبّت أحدث إصدار من المحطة.',
  'error.INTAKE_NOT_CONFIGURED': 'لم تُضبط أي خدمة استقبال على هذه المحطة. يمكن لأحد المشرفين ضبطها من الإعدادات.',
  'error.INTAKE_INVALID_CONFIG': 'إعدادات خدمة الاستقبال غير مقبولة: تحقّق من العنوان ورمز الوصول والمفتاح العمومي ومعرّف المحطة.',
  'error.INTAKE_AUTH': 'ترفض خدمة الاستقبال رمز الوصول الخاص بهذه المحطة، أو ألغت ترخيصها. اتصل بالمسؤولين عن خدمة الاستقبال.',
  'error.INTAKE_UNREACHABLE': 'تعذّر الوصول إلى خدمة الاستقبال رغم عدة محاولات. تحقّق من العنوان ومن الشبكة، ثم أعد المحاولة.',
  'error.INTAKE_REFUSED': 'رفضت خدمة الاستقبال الطلب.',
  'error.ONLINE_DISABLED': 'التشخيص عبر الإنترنت غير مفعّل، أو لم يُضبط أي مسار (وكيل أو اتصال مباشر مسموح به).',
  'error.DESTINATION_REFUSED': 'الوجهة مرفوضة (عنوان خاص أو محجوز، أو اتصال مباشر غير مسموح به).',
  'error.RENDER_FAILED': 'تعذّر إنتاج الملف: محرك العرض غير موجود أو فشل. لم يُصدَّر أي شيء.',
  'error.INTERNAL': 'خطأ غير متوقع: لم تكتمل العملية.',
  'error.unlock.WRONG_PASSPHRASE': 'عبارة المرور غير صحيحة لهذا الملف.',
  'error.currentPassphrase.WRONG_PASSPHRASE': 'عبارة المرور الحالية غير صحيحة.',
  'error.createProfile.CONFLICT': 'يوجد ملف يحمل هذا الاسم من قبل.',
  'error.startDemo.CONFLICT': 'وضع العرض التوضيحي مخصّص لمحطة خالية: تمّ ضبط خدمة استقبال حقيقية، أو توجد قضايا من قبل (وستُحذف معه عند مغادرته).',
  'error.disableProfile.CONFLICT': 'لا يمكن تعطيل هذا الملف: لا يمكنك تعطيل ملفك الخاص، ويجب أن يبقى في المحطة مشرف نشط واحد على الأقل.',
  'error.detail': 'توضيح: {detail}',
  'error.throttledFor': 'محاولات فاشلة كثيرة. يمكنك المحاولة مجددًا بعد {seconds} ث.',
};
