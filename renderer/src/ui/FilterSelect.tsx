interface FilterSelectProps<T extends string | number> {
  label: string;
  /** The first choice, meaning "no filter" (for example "All projects"). */
  anyLabel: string;
  value: T | undefined;
  options: readonly T[];
  optionLabel?: (option: T) => string;
  /** Called with the choice, or undefined for "no filter". */
  onChange: (value: T | undefined) => void;
}

/** One labelled filter of a list: a select whose first choice clears the filter. */
export function FilterSelect<T extends string | number>({ label, anyLabel, value, options, optionLabel = String, onChange }: FilterSelectProps<T>) {
  return (
    <label>
      <span className="filter-label">{label}</span>
      <select
        value={value === undefined ? '' : String(value)}
        onChange={(e) => onChange(e.target.value === '' ? undefined : options.find((o) => String(o) === e.target.value))}
      >
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={String(o)} value={String(o)}>
            {optionLabel(o)}
          </option>
        ))}
      </select>
    </label>
  );
}
