import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { ComboBox, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components';
import type { Key } from 'react-aria-components';
import type { PersonSearchResult } from '../../../shared/people-api';
import { NetworkError, toUserMessage } from '../../app/api';
import { useIsOnline } from '../../app/use-is-online';
import { TextField } from '../../components/TextField';
import { manualPersonTypeLabels, manualPersonTypes } from './affected-person';
import type { AffectedPerson, UnmatchedPersonType } from './affected-person';
import { personName, personTypeLabels, roleOrYear } from './describe';
import { NamedPersonFields } from './NamedPersonFields';
import { PersonFacts } from './PersonFacts';
import { usePeopleSearchQuery } from './queries';
import { useDebouncedValue } from './use-debounced-value';

export type { AffectedPerson, ManualPersonType } from './affected-person';

// Long enough to skip the letters of a word typed quickly, short enough not to be felt.
const SEARCH_DELAY_MS = 100;
const RESULT_LIMIT = 10;
const MANUAL_KEY = 'manual-entry';
const UNMATCHED_KEY = 'match-later';
const UNMATCHED_TEXT = 'Offline: enter their name now, match them to the records later';
const MANUAL_TEXT = 'Not in the list: enter a visitor, contractor or other person';

type Option =
  | { id: string; kind: 'person'; person: PersonSearchResult }
  | { id: typeof MANUAL_KEY; kind: 'manual' }
  | { id: typeof UNMATCHED_KEY; kind: 'unmatched' };

const manualOption: Option = { id: MANUAL_KEY, kind: 'manual' };
const unmatchedOption: Option = { id: UNMATCHED_KEY, kind: 'unmatched' };

type PersonComboboxProps = {
  /** The visible label, e.g. "Affected person". */
  label: string;
  value: AffectedPerson | null;
  onChange: (value: AffectedPerson | null) => void;
  /** Only people of this school; every school the user can see when left out. */
  schoolId?: string | undefined;
  /** Only pupils or only staff. */
  personType?: PersonSearchResult['type'] | undefined;
  hint?: string | undefined;
  /** A problem with the field, from the form it is part of. */
  error?: string | undefined;
  /** What the search starts with, e.g. the name of someone entered while offline. */
  initialQuery?: string | undefined;
  /** Offers someone not in the directory (a visitor, a contractor…); on unless said otherwise. */
  allowsManual?: boolean | undefined;
  /** While the directory cannot be searched (offline), offers naming a pupil or member of staff to match later. */
  allowsUnmatched?: boolean | undefined;
};

const unmatchedPersonTypes = ['pupil', 'staff'] as const;
const unmatchedTypeLabels: Record<UnmatchedPersonType, string> = {
  pupil: 'Pupil',
  staff: 'Member of staff',
};

type FocusTarget = 'search' | 'change' | 'manual';

/**
 * Picks the person an incident happened to: search the school's directory by any part of a
 * name (pupils and staff from the MIS), or enter a visitor, contractor or anyone else by hand.
 */
export function PersonCombobox({
  label,
  value,
  onChange,
  schoolId,
  personType,
  hint = 'Type part of their name. Pupils and staff come from the school’s records.',
  error,
  initialQuery = '',
  allowsManual = true,
  allowsUnmatched = false,
}: PersonComboboxProps) {
  const id = useId();
  const isOnline = useIsOnline();
  const [query, setQuery] = useState(initialQuery);
  const [includeLeavers, setIncludeLeavers] = useState(false);
  const [isOpen, setIsOpen] = useState(false);

  const inputRef = useRef<HTMLInputElement>(null);
  const changeRef = useRef<HTMLButtonElement>(null);
  const manualRef = useRef<HTMLInputElement>(null);
  // Focus moves only after the person's own action, never when the form sets a value.
  const focusNext = useRef<FocusTarget | null>(null);

  useEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    focusNext.current = null;
    const element = { search: inputRef, change: changeRef, manual: manualRef }[target].current;
    element?.focus();
  }, [value]);

  const text = query.trim();
  // Every key restarts the wait, a space too: "oliver " then "s" is one search, not two.
  const debouncedText = useDebouncedValue(query, SEARCH_DELAY_MS).trim();
  const search = usePeopleSearchQuery({
    q: debouncedText,
    schoolId,
    type: personType,
    includeLeavers,
    limit: RESULT_LIMIT,
  });

  // Only the answer for exactly what is in the field may be chosen. An earlier answer stays on
  // show, dimmed, while the new one is fetched, so the list does not jump on every key.
  const isCurrent =
    text !== '' && text === debouncedText && search.isSuccess && !search.isPlaceholderData;
  const shownResults = text && search.data ? search.data : [];
  const results = isCurrent ? shownResults : [];
  const personOptions = (isCurrent ? results : shownResults).map((person): Option => ({
    id: person.id,
    kind: 'person',
    person,
  }));
  // Offline, the search waits for the connection (it is paused, not failed).
  const isSearching = text !== '' && !isCurrent && !search.isError && isOnline;
  const searchError = text !== '' && text === debouncedText && search.isError ? search.error : null;
  const cannotSearch = !isOnline || searchError instanceof NetworkError;
  const extraOptions: Option[] = [
    ...(cannotSearch && allowsUnmatched ? [unmatchedOption] : []),
    ...((isCurrent || cannotSearch) && allowsManual ? [manualOption] : []),
  ];
  const options: Option[] = text ? [...personOptions, ...extraOptions] : [];
  const staleKeys = isCurrent ? [] : personOptions.map((option) => option.id);
  const hasNoMatches = isCurrent && results.length === 0;

  // Enter pressed before the answer for the text arrived: picks its first person when it comes,
  // unless the text has changed by then.
  const [pendingEnter, setPendingEnter] = useState<string | null>(null);
  const firstResult = results[0];
  useEffect(() => {
    if (pendingEnter === null) return;
    if (pendingEnter !== text || searchError) setPendingEnter(null);
    else if (isCurrent) {
      setPendingEnter(null);
      if (!firstResult) return;
      focusNext.current = 'change';
      onChange({ kind: 'directory', person: firstResult });
    }
  }, [pendingEnter, text, isCurrent, searchError, firstResult, onChange]);

  const handleSelect = (key: Key | null) => {
    // Leaving the field or pressing Escape reports no choice: the typed text stays as it is.
    if (key === null) return;
    if (key === MANUAL_KEY) {
      focusNext.current = 'manual';
      onChange({ kind: 'manual', personType: 'visitor', name: text, contact: '' });
      return;
    }
    if (key === UNMATCHED_KEY) {
      focusNext.current = 'manual';
      onChange({ kind: 'unmatched', personType: personType ?? 'pupil', name: text });
      return;
    }
    // Only a person of the answer for the current text; never one of an earlier list.
    const person = results.find((result) => result.id === key);
    if (!person) return;
    focusNext.current = 'change';
    onChange({ kind: 'directory', person });
  };

  const handleInputKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // The first Escape closes the list; another one clears the search.
    if (event.key === 'Escape' && !isOpen && query) setQuery('');
  };

  // Runs before the combobox's own keys: while the answer for the text is on its way, Enter
  // waits for it instead of choosing from the list on show.
  const handleKeyDownCapture = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Enter' || !isSearching || event.target !== inputRef.current) return;
    event.preventDefault();
    event.stopPropagation();
    setPendingEnter(text);
  };

  const backToSearch = () => {
    focusNext.current = 'search';
    setQuery('');
    onChange(null);
  };

  const labelId = `${id}-label`;
  const errorId = `${id}-error`;
  const searchErrorId = `${id}-search-error`;

  if (value?.kind === 'directory') {
    const summaryId = `${id}-summary`;
    return (
      <div
        className={error ? 'field person-field field--invalid' : 'field person-field'}
        role="group"
        aria-labelledby={labelId}
      >
        <p id={labelId} className="field__label">
          {label}
        </p>
        {error && (
          <p id={errorId} className="field__error">
            <span className="visually-hidden">Error: </span>
            {error}
          </p>
        )}
        <div className="person-chosen">
          <div id={summaryId} className="person-chosen__summary">
            <p className="person-chosen__name">
              {value.person.firstName} <strong>{value.person.lastName}</strong>
            </p>
            <p className="person-chosen__facts">
              <PersonFacts person={value.person} />
            </p>
          </div>
          <button
            ref={changeRef}
            type="button"
            className="button button--secondary button--small"
            aria-describedby={[summaryId, error ? errorId : ''].filter(Boolean).join(' ')}
            onClick={backToSearch}
          >
            Change
          </button>
        </div>
      </div>
    );
  }

  if (value?.kind === 'manual') {
    return (
      <NamedPersonFields
        label={label}
        hint="Someone who is not in the school’s records."
        error={error}
        errorId={errorId}
        types={manualPersonTypes}
        typeLabels={manualPersonTypeLabels}
        personType={value.personType}
        onTypeChange={(type) => onChange({ ...value, personType: type })}
        name={value.name}
        onNameChange={(name) => onChange({ ...value, name })}
        chosenTypeRef={manualRef}
        onSearchInstead={backToSearch}
      >
        <TextField
          label="Phone or email (optional)"
          autoComplete="off"
          spellCheck={false}
          className="field--medium"
          value={value.contact}
          onChange={(event) => onChange({ ...value, contact: event.target.value })}
        />
      </NamedPersonFields>
    );
  }

  if (value?.kind === 'unmatched') {
    return (
      <NamedPersonFields
        label={label}
        hint="Named while the school’s records could not be searched. Once you are back online, Plaster asks you to match them to the records."
        error={error}
        errorId={errorId}
        types={unmatchedPersonTypes}
        typeLabels={unmatchedTypeLabels}
        personType={value.personType}
        onTypeChange={(type) => onChange({ ...value, personType: type })}
        name={value.name}
        onNameChange={(name) => onChange({ ...value, name })}
        chosenTypeRef={manualRef}
        onSearchInstead={backToSearch}
      />
    );
  }

  return (
    <div
      className={error ? 'person-field field--invalid' : 'person-field'}
      onKeyDownCapture={handleKeyDownCapture}
    >
      <ComboBox<Option>
        className="field person-combobox"
        items={options}
        disabledKeys={staleKeys}
        // A search that starts filled in (matching someone named offline) shows its list at once.
        menuTrigger={initialQuery ? 'focus' : 'input'}
        // Open while searching, so "Searching…" shows before the first answer.
        allowsEmptyCollection={text !== ''}
        inputValue={query}
        onInputChange={setQuery}
        value={null}
        onChange={handleSelect}
        onOpenChange={setIsOpen}
        // Keeps what was typed when the list closes without a choice.
        allowsCustomValue
        isInvalid={Boolean(error)}
        aria-describedby={searchError ? searchErrorId : undefined}
      >
        <Label className="field__label">{label}</Label>
        {hint && (
          <Text slot="description" className="field__hint">
            {hint}
          </Text>
        )}
        {error && (
          <Text slot="errorMessage" className="field__error">
            <span className="visually-hidden">Error: </span>
            {error}
          </Text>
        )}
        <div className="person-combobox__row">
          <Input
            ref={inputRef}
            className="input person-combobox__input"
            spellCheck={false}
            autoCapitalize="off"
            onKeyDown={handleInputKeyDown}
          />
          <div className="choice person-combobox__leavers">
            <input
              type="checkbox"
              id={`${id}-leavers`}
              checked={includeLeavers}
              onChange={(event) => setIncludeLeavers(event.target.checked)}
            />
            <label htmlFor={`${id}-leavers`} className="choice__label">
              Show leavers
            </label>
          </div>
        </div>
        <Popover className="person-options" offset={4}>
          {cannotSearch && text && (
            <p className="person-options__status">
              You are offline: the school’s records cannot be searched.
            </p>
          )}
          {isSearching && (
            <p className="person-options__status">
              {pendingEnter === null ? 'Searching…' : 'Searching… the first match will be chosen'}
            </p>
          )}
          {hasNoMatches && <p className="person-options__status">No one matches “{text}”</p>}
          {searchError && !cannotSearch && (
            <p className="person-options__status">Could not search: {toUserMessage(searchError)}</p>
          )}
          {/* The list scrolls when it is longer than the room on screen. Arrow keys reach every
              name from the field; the scroller is a tab stop too, so the page has no scrolling
              region the keyboard cannot reach, and pressing on it keeps the field focused. */}
          <div
            className="person-options__scroller"
            tabIndex={0}
            onMouseDown={(event) => event.preventDefault()}
          >
            <ListBox<Option> className="person-options__list">
              {(option) =>
                option.kind !== 'person' ? (
                  <ListBoxItem
                    id={option.id}
                    textValue={option.kind === 'manual' ? MANUAL_TEXT : UNMATCHED_TEXT}
                    className="person-option person-option--manual"
                  >
                    {option.kind === 'manual' ? MANUAL_TEXT : UNMATCHED_TEXT}
                  </ListBoxItem>
                ) : (
                  <ListBoxItem
                    id={option.id}
                    textValue={optionText(option.person)}
                    className="person-option"
                  >
                    <Text slot="label" className="person-option__name">
                      {option.person.firstName} <strong>{option.person.lastName}</strong>
                    </Text>
                    <Text slot="description" className="person-option__facts">
                      <PersonFacts person={option.person} />
                    </Text>
                  </ListBoxItem>
                )
              }
            </ListBox>
          </div>
        </Popover>
      </ComboBox>
      {allowsUnmatched && cannotSearch && (
        <p className="field__hint person-field__offline">
          You are offline. Type a pupil’s or staff member’s name and choose “enter their name now”:
          you match them to the school’s records when you are back online.
        </p>
      )}
      <div aria-live="polite">
        {searchError && !cannotSearch && (
          <p id={searchErrorId} className="field__error person-field__search-error">
            Could not search: {toUserMessage(searchError)}
          </p>
        )}
      </div>
      <p role="status" className="visually-hidden">
        {hasNoMatches ? `No one matches “${text}”` : ''}
      </p>
    </div>
  );
}

/** What a screen reader reads for an option, and what the list knows it by. */
function optionText(person: PersonSearchResult): string {
  return [
    personName(person),
    personTypeLabels[person.type],
    roleOrYear(person),
    person.schoolName,
    person.status === 'left' ? 'Left' : null,
    person.repeat ? 'Repeat incidents' : null,
  ]
    .filter(Boolean)
    .join(', ');
}
