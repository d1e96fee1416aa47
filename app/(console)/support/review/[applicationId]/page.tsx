import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { DecisionPanel } from "@/components/review/decision-panel";
import { MiniProgramCard } from "@/components/review/mini-program-card";
import { ReviewField } from "@/components/review/review-field";
import { ApplicationStatusBadge } from "@/components/ui/status-badge";
import { HandoffPanel } from "@/components/wechat/handoff-panel";
import { LiveStatus } from "@/components/wechat/live-status";
import { SandboxAdvanceButton } from "@/components/wechat/sandbox-advance";
import { loadApplicationStatusById } from "@/lib/applications/load-application";
import { livePolled, wechatPending } from "@/lib/applications/lifecycle";
import { getConfig } from "@/lib/config";
import { knownWeChatState } from "@/lib/wechat/application-status";
import { handoffView } from "@/lib/wechat/handoff-view";
import { Timeline } from "@/components/review/timeline";
import { Waited } from "@/components/review/waited";
import { requirePageUser } from "@/lib/auth/guard";
import { dataKeyRing } from "@/lib/crypto/keys";
import { isAppError } from "@/lib/errors";
import { isUuid } from "@/lib/pagination/cursor";
import { getReviewDetail } from "@/lib/review/detail";
import { fieldLabelFor, valueLabelFor } from "@/lib/i18n/field-labels";
import { groupBySection } from "@/lib/review/sections";
import { getDb } from "@/lib/runtime/db";
import { approveAction, commentAction, deleteCommentAction, requestChangesAction, revealAction } from "./actions";

type Params = Promise<{ applicationId: string }>;

async function load(applicationId: string) {
  if (!isUuid(applicationId)) notFound();
  try {
    return await getReviewDetail(await getDb(), dataKeyRing(), { applicationId });
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const t = await getTranslations("review.detail");
  return { title: t("title", { merchant: (await params).applicationId.slice(0, 8) }) };
}

export default async function ReviewDetailPage({ params }: { params: Params }) {
  await requirePageUser("support");
  const detail = await load((await params).applicationId);
  const t = await getTranslations("review");
  const tAll = await getTranslations();
  const format = await getFormatter();
  const { application: app } = detail;
  const [handoff, status] = await Promise.all([handoffView(app.status, app.wechatHandoff), loadApplicationStatusById(await getDb(), { applicationId: app.id })]);
  const editable = app.status === "pending_review";
  const label = (path: string) => fieldLabelFor(tAll, path);
  const sectionTitle = (key: string) => (key === "other" ? t("sections.other") : tAll(`wizard.steps.${key}` as never));
  // Enum values read as the merchant chose them (企业（2）rather than 2).
  const fields = detail.fields.map((f) => (f.sensitive ? f : { ...f, display: valueLabelFor(tAll, f.path, f.display), previousDisplay: valueLabelFor(tAll, f.path, f.previousDisplay) }));
  const sections = groupBySection(fields);
  const changedCount = fields.filter((f) => f.changed).length;
  const actions = { reveal: revealAction, comment: commentAction, deleteComment: deleteCommentAction };

  return (
    <article aria-labelledby="page-title" className="flex flex-col gap-5">
      <Link href="/support/review" className="text-sm font-medium text-brand-800 underline">← {t("detail.back")}</Link>
      <header className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center gap-3">
          <h1 id="page-title" className="text-2xl font-semibold">{t("detail.title", { merchant: app.merchantName })}</h1>
          <ApplicationStatusBadge status={app.status} />
          {app.wechatState && !knownWeChatState(app.wechatState) ? <code className="rounded bg-red-50 px-2 py-0.5 text-xs text-red-900" data-testid="wechat-raw-state">{app.wechatState}</code> : null}
        </div>
        <LiveStatus url={`/api/support/applications/${app.id}/status`} version={status?.version ?? ""} active={livePolled.includes(app.status)} />
        {handoff ? <HandoffPanel view={handoff} /> : null}
        {getConfig().wechat.sandbox && wechatPending.includes(app.status as (typeof wechatPending)[number]) ? <SandboxAdvanceButton applicationId={app.id} /> : null}
        <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-slate-600">{t("detail.applicationId")}</dt>
            <dd><code className="break-all text-xs">{app.id}</code></dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("detail.revision")}</dt>
            <dd>{t("detail.revisionOf", { revision: app.revision })} · {app.organizationType ? valueLabelFor(tAll, "organization_type", app.organizationType) : t("unknownType")}</dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("detail.submittedAt")}</dt>
            <dd>{app.submittedAt ? format.dateTime(app.submittedAt, { dateStyle: "medium", timeStyle: "short" }) : "—"}</dd>
          </div>
          {app.status === "pending_review" && app.submittedAt ? (
            <div>
              <dt className="text-slate-600">{t("detail.waited")}</dt>
              <dd><Waited since={app.submittedAt} now={new Date()} /></dd>
            </div>
          ) : null}
        </dl>
        <p className="text-sm text-slate-700" data-testid="diff-summary">
          {detail.previousRevision ? `${t("detail.comparedWith", { revision: detail.previousRevision })} ${t("detail.changedCount", { count: changedCount, revision: detail.previousRevision })}` : t("detail.firstRevision")}
        </p>
        {app.wechatMessage ? (
          <p role="note" className="whitespace-pre-wrap rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
            <strong>{t("detail.wechatMessage")}:</strong>{" "}
            {/* The WeChat workers store either WeChat's readable text or a `wechat.errors.*` message key. */}
            {tAll.has(app.wechatMessage as never) ? tAll(app.wechatMessage as never) : app.wechatMessage}
          </p>
        ) : null}
      </header>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="flex min-w-0 flex-col gap-5">
          <nav aria-label={t("detail.stepsNav")} className="flex flex-wrap gap-2 text-sm">
            {sections.map((s) => (
              <a key={s.key} href={`#section-${s.key}`} className="rounded-full border border-slate-300 bg-white px-3 py-1 text-slate-800 hover:bg-slate-50">
                {sectionTitle(s.key)}
                {s.fields.some((f) => f.changed) ? <span className="ml-1 text-amber-700" aria-hidden>●</span> : null}
              </a>
            ))}
          </nav>
          {sections.map((section) => (
            <section key={section.key} id={`section-${section.key}`} aria-labelledby={`section-${section.key}-title`} className="overflow-hidden rounded-lg border border-slate-200 bg-white">
              <h2 id={`section-${section.key}-title`} className="bg-slate-50 px-3 py-2 text-base font-semibold">{sectionTitle(section.key)}</h2>
              <dl>
                {section.fields.map((field) => (
                  <ReviewField
                    key={field.path}
                    field={field}
                    label={label(field.path)}
                    applicationId={app.id}
                    revision={app.revision}
                    editable={editable}
                    comments={detail.comments.filter((c) => c.fieldPath === field.path)}
                    earlierComments={field.changed ? detail.previousComments.filter((c) => c.fieldPath === field.path) : []}
                    actions={actions}
                  />
                ))}
              </dl>
            </section>
          ))}
        </div>
        <aside className="flex flex-col gap-5">
          <DecisionPanel applicationId={app.id} revision={app.revision} status={app.status} commentCount={detail.comments.filter((c) => c.source === "support").length} requestChanges={requestChangesAction} approve={approveAction} />
          <MiniProgramCard miniProgram={detail.miniProgram} />
          <Timeline events={detail.timeline} audience="support" />
        </aside>
      </div>
    </article>
  );
}
