export { BankLookup } from "./bank-lookup";
export { ChoiceField } from "./choice-field";
export { DateField } from "./date-field";
export { PhotoInput, PhotoListInput } from "./photo-inputs";
export { RegionPicker } from "./region-picker";
export { Section } from "./section";
export { SelectField, TextAreaField, TextField } from "./text-fields";
export { fieldId, useFieldError, useFieldLabel } from "./use-field";
