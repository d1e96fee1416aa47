"use client";

import dynamic from "next/dynamic";

// recharts measures the browser's layout anyway: rendering it on the server only cost server time
// and HTML, so the chart (and its code) loads in the browser after the page.
export const VolumeChartClientOnly = dynamic(() => import("./volume-chart").then((m) => m.VolumeChart), {
  ssr: false,
  loading: () => <div aria-hidden className="h-[290px] rounded-lg border border-slate-200 bg-white" />,
});
