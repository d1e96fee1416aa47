import type { WeChatHandoff } from "@/lib/applications/load-application";
import { and, asc, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { applicationRevisions, applications, fieldComments, merchants, users, type ApplicationStatus, type MiniProgramProfile } from "@/db/schema";
import type { KeyRing } from "@/lib/crypto/at-rest";
import { AppError } from "@/lib/errors";
import { isSensitiveField } from "@/lib/qualification/sensitive-fields";
import { changedPaths, displayValue, flattenFields, photosOf, type FieldValue } from "./fields";
import type { PicFile } from "@/lib/qualification/schema";
import { loadRevisionData } from "./revision-data";
import { listApplicationEvents, type TimelineEvent } from "./timeline";

/** One field as the reviewer sees it: masked where sensitive, with what it was in the previous revision. */
export type ReviewField = {
  path: string;
  display: string | null;
  photos: PicFile[];
  sensitive: boolean;
  changed: boolean;
  previousDisplay: string | null;
  previousPhotos: PicFile[];
};

export type ReviewComment = { id: string; revision: number; fieldPath: string; body: string; source: string; authorName: string | null; createdAt: Date };

export type ReviewDetail = {
  application: {
    id: string;
    merchantId: string;
    merchantName: string;
    status: ApplicationStatus;
    revision: number;
    organizationType: string | null;
    merchantShortname: string | null;
    submittedAt: Date | null;
    wechatMessage: string | null;
    wechatState: string | null;
    wechatHandoff: WeChatHandoff | null;
  };
  miniProgram: MiniProgramProfile;
  revisions: { revision: number; createdAt: Date }[];
  /** The revision the diff is against (null for the first submission). */
  previousRevision: number | null;
  fields: ReviewField[];
  comments: ReviewComment[];
  previousComments: ReviewComment[];
  timeline: TimelineEvent[];
};

/**
 * Everything the review page shows, with no plaintext of a sensitive value in it: the revision under
 * review and the one before are opened here only to mask them and to compute which fields changed.
 */
export async function getReviewDetail(db: Db, ring: KeyRing, { applicationId }: { applicationId: string }): Promise<ReviewDetail> {
  const [app] = await db
    .select({
      id: applications.id,
      merchantId: applications.merchantId,
      merchantName: merchants.name,
      miniProgram: merchants.miniProgram,
      status: applications.status,
      revision: applications.currentRevision,
      organizationType: applications.organizationType,
      merchantShortname: applications.merchantShortname,
      submittedAt: applications.submittedAt,
      wechatMessage: applications.wechatMessage,
      wechatState: applications.wechatState,
      wechatHandoff: applications.wechatHandoff,
    })
    .from(applications)
    .innerJoin(merchants, eq(merchants.id, applications.merchantId))
    .where(eq(applications.id, applicationId));
  if (!app || app.revision < 1) throw new AppError("not_found", "This application has not been submitted.");
  const { miniProgram, ...application } = app;

  const revisions = await db
    .select({ revision: applicationRevisions.revision, createdAt: applicationRevisions.createdAt })
    .from(applicationRevisions)
    .where(and(eq(applicationRevisions.applicationId, app.id), eq(applicationRevisions.merchantId, app.merchantId)))
    .orderBy(desc(applicationRevisions.revision));
  const previousRevision = revisions.find((r) => r.revision < app.revision)?.revision ?? null;
  const data = await loadRevisionData(db, ring, { applicationId: app.id, revisions: previousRevision ? [app.revision, previousRevision] : [app.revision] });
  const current = flattenFields(data.get(app.revision));
  const previous = previousRevision ? flattenFields(data.get(previousRevision)) : new Map<string, FieldValue>();
  const changed = previousRevision ? changedPaths(previous, current) : new Set<string>();

  const paths = [...current.keys(), ...[...previous.keys()].filter((p) => !current.has(p))];
  const fields: ReviewField[] = paths.map((path) => ({
    path,
    display: displayValue(path, current.get(path)),
    photos: photosOf(current.get(path)),
    sensitive: isSensitiveField(path),
    changed: changed.has(path),
    previousDisplay: changed.has(path) ? displayValue(path, previous.get(path)) : null,
    previousPhotos: changed.has(path) ? photosOf(previous.get(path)) : [],
  }));

  const comments = await db
    .select({
      id: fieldComments.id,
      revision: fieldComments.revision,
      fieldPath: fieldComments.fieldPath,
      body: fieldComments.body,
      source: fieldComments.source,
      authorName: users.name,
      createdAt: fieldComments.createdAt,
    })
    .from(fieldComments)
    .leftJoin(users, eq(users.id, fieldComments.authorId))
    .where(and(eq(fieldComments.applicationId, app.id), eq(fieldComments.merchantId, app.merchantId)))
    .orderBy(asc(fieldComments.createdAt));

  return {
    application,
    miniProgram,
    revisions,
    previousRevision,
    fields,
    comments: comments.filter((c) => c.revision === app.revision),
    previousComments: comments.filter((c) => c.revision === previousRevision),
    timeline: await listApplicationEvents(db, { applicationId: app.id, merchantId: app.merchantId }),
  };
}
