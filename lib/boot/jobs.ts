import "server-only";
import { fundsFlowImportJob, settlementFollowJob, withdrawalFollowJob, withdrawalSettleJob } from "@/lib/funds/jobs";
import { notificationDeliveryJob } from "@/lib/notifications/jobs";
import { paymentNotificationsJob, paymentPollJob, webhookDeliveryJob } from "@/lib/payments/jobs";
import { staffDigestJob } from "@/lib/review/jobs";
import { wechatPollJob, wechatSubmissionJob } from "@/lib/wechat/jobs";
import type { Job } from "@/lib/jobs";

/** Every background job of the console; the runner ticks these and the System page lists them. */
export const registeredJobs: readonly Job[] = [
  wechatSubmissionJob,
  wechatPollJob,
  paymentNotificationsJob,
  paymentPollJob,
  webhookDeliveryJob,
  withdrawalFollowJob,
  withdrawalSettleJob,
  settlementFollowJob,
  fundsFlowImportJob,
  notificationDeliveryJob,
  staffDigestJob,
];
