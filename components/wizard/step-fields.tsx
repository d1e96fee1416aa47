"use client";

import { memo } from "react";
import { LiveFieldset } from "@/components/form/live-fieldset";
import type { MiniProgramProfile } from "@/db/schema/accounts";
import type { WizardStep } from "@/lib/qualification/rules";
import { AccountStep } from "./account-step";
import { AdditionalStep } from "./additional-step";
import { ContactStep } from "./contact-step";
import { IdentityStep } from "./identity-step";
import { LicenseStep } from "./license-step";
import { SubjectStep } from "./subject-step";

export { FlaggedFieldsList } from "./flagged-fields-list";
export { ReviewSummary } from "./review-summary";

/** One step's fields; memoised, so the frame that changes step does not re-render the step being left. */
export const StepFields = memo(function StepFields({ step, miniProgram, merchantName }: { step: WizardStep; miniProgram: MiniProgramProfile | null; merchantName: string }) {
  // Server-rendered, the fields take no typing until this chunk (loaded after the page's) has hydrated them.
  return <LiveFieldset>{fieldsOf(step, miniProgram, merchantName)}</LiveFieldset>;
});

function fieldsOf(step: WizardStep, miniProgram: MiniProgramProfile | null, merchantName: string) {
  if (step === "subject") return <SubjectStep miniProgram={miniProgram} />;
  if (step === "license") return <LicenseStep />;
  if (step === "identity") return <IdentityStep />;
  if (step === "contact") return <ContactStep />;
  if (step === "account") return <AccountStep merchantName={merchantName} />;
  if (step === "additional") return <AdditionalStep />;
  return null;
}
