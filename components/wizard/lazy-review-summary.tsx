"use client";

import dynamic from "next/dynamic";

/** The application's summary, whose code (with the region list) loads only where a summary is shown. */
export const LazyReviewSummary = dynamic(() => import("./review-summary").then((m) => m.ReviewSummary));
