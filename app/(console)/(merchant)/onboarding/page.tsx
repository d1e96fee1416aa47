import { getTranslations } from "next-intl/server";
import { FieldFeedbackProvider, FixList } from "@/components/review/merchant-feedback";
import { ApplicationStatusCard } from "@/components/wizard/application-status";
import { LazyReviewSummary } from "@/components/wizard/lazy-review-summary";
import { Wizard } from "@/components/wizard/wizard";
import { HandoffPanel } from "@/components/wechat/handoff-panel";
import { LiveStatus } from "@/components/wechat/live-status";
import { loadDraftFlags } from "@/lib/applications/flagged-fields";
import { listTimeline, loadApplication, loadApplicationStatus, loadMiniProgram } from "@/lib/applications/load-application";
import { livePolled } from "@/lib/applications/lifecycle";
import { canEditMerchant } from "@/lib/auth/roles";
import { requireMerchantPage } from "@/lib/auth/guard";
import { dataKeyRing } from "@/lib/crypto/keys";
import { stepOfPath } from "@/lib/qualification/rules";
import { wizardStart } from "@/lib/qualification/schema";
import { chinaToday } from "@/lib/time/china-time";
import { fieldLabelFor } from "@/lib/i18n/field-labels";
import { getFeedbackForMerchant } from "@/lib/review/merchant-feedback";
import { getDb } from "@/lib/runtime/db";
import { handoffView } from "@/lib/wechat/handoff-view";

export const dynamic = "force-dynamic";

export default async function OnboardingPage() {
  const actor = await requireMerchantPage();
  const db = await getDb();
  const [application, miniProgram, timeline, feedback, status] = await Promise.all([
    loadApplication(db, { merchantId: actor.merchantId, ring: dataKeyRing(), canEdit: canEditMerchant(actor.role) }),
    loadMiniProgram(db, { merchantId: actor.merchantId }),
    listTimeline(db, { merchantId: actor.merchantId }),
    getFeedbackForMerchant(db, { merchantId: actor.merchantId }),
    loadApplicationStatus(db, { merchantId: actor.merchantId }),
  ]);
  const merchantName = miniProgram?.subject_name ?? actor.merchantName;
  const flags = application.editable ? await loadDraftFlags(db, { merchantId: actor.merchantId, ring: dataKeyRing(), context: { merchantName } }) : [];
  const handoff = await handoffView(application.status, application.wechatHandoff);
  const t = await getTranslations("wizard");
  const tAll = await getTranslations();
  // What support or WeChat asked to change, with the step where each field is.
  const fixes = feedback.comments.map((c) => ({ ...c, label: fieldLabelFor(tAll, c.fieldPath), step: t(`steps.${stepOfPath(c.fieldPath)}`) }));
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6">
      <header>
        <h1 className="text-2xl font-semibold text-slate-900">{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-700">{t("intro")}</p>
      </header>
      <LiveStatus url="/api/application/status" version={status.version} active={livePolled.includes(application.status)} />
      <ApplicationStatusCard status={application.status} revision={application.currentRevision} submittedAt={application.submittedAt} timeline={timeline} wechatMessage={application.wechatMessage} />
      {handoff ? <HandoffPanel view={handoff} /> : null}
      {application.editable ? <FixList items={fixes} /> : null}
      {application.editable ? (
        <FieldFeedbackProvider comments={feedback.comments}>
          {/* The key remounts the form when the server's draft changes (after a submit or a reload). */}
          <Wizard key={`${application.id}-${application.draft.version}-${application.status}`} draft={application.draft} miniProgram={miniProgram} merchantName={merchantName} flags={flags} start={wizardStart(application.draft.values, { merchantName, today: chinaToday() })} />
        </FieldFeedbackProvider>
      ) : (
        <section aria-labelledby="submitted-summary" className="flex flex-col gap-3">
          <h2 id="submitted-summary" className="text-lg font-semibold text-slate-900">
            {t("status.summaryTitle")}
          </h2>
          <LazyReviewSummary values={application.draft.values} />
        </section>
      )}
    </div>
  );
}
