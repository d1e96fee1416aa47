"use client";

import { memo, useSyncExternalStore } from "react";
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

const subscribeToNothing = () => () => {};

/** One step's fields; memoised, so the frame that changes step does not re-render the step being left. */
export const StepFields = memo(function StepFields({ step, miniProgram, merchantName }: { step: WizardStep; miniProgram: MiniProgramProfile | null; merchantName: string }) {
  // False in the server's HTML and while it hydrates, true from then on (and at once on a step change).
  const live = useSyncExternalStore(subscribeToNothing, () => true, () => false);
  // Server-rendered fields take no typing until this chunk has hydrated them: react-hook-form would
  // put the draft's value back over what was typed, and the reload after it would lose the text.
  return (
    <fieldset disabled={!live} aria-busy={!live} className="contents">
      {fieldsOf(step, miniProgram, merchantName)}
    </fieldset>
  );
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
