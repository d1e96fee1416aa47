"use client";

import type { ReactElement } from "react";
import { Controller, useFormContext, type ControllerProps } from "react-hook-form";
import { useField } from "./use-field";

type RenderProps = Parameters<ControllerProps["render"]>[0] & { meta: ReturnType<typeof useField> };

/**
 * React Hook Form's Controller bound to the form in context, with the field's id, label, error and
 * optional mark: the kit's fields that hold a value of their own (a date, photos).
 */
export function ControlledField({ name, render }: { name: string; render: (props: RenderProps) => ReactElement }) {
  const { control } = useFormContext();
  const meta = useField(name);
  return <Controller control={control} name={name} render={(props) => render({ ...props, meta })} />;
}
