/** Strings of the business-registry lookup in the new-company form, in the three catalogues' languages. */
const en = {
  searching: 'Searching the business registry…',
  hitsTitle: 'From the business registry: pick one to fill in the form',
  none: 'Not found in the business registry.',
  use: 'Use',
  alreadyThere: 'Already in Rapport: open',
  failed: 'The business registry could not be searched ({{message}}). You can still type the company in.',
  names: { brreg: 'The Norwegian business registry (Brønnøysund)', prh: 'The Finnish business registry (PRH)' },
  problems: {
    timeout: '{{registry}} did not answer in time. You can still type the company in.',
    down: '{{registry}} cannot be reached just now. You can still type the company in.',
  },
};

const nb: typeof en = {
  searching: 'Søker i Enhetsregisteret …',
  hitsTitle: 'Fra registeret: velg én for å fylle ut skjemaet',
  none: 'Ikke funnet i registeret.',
  use: 'Bruk',
  alreadyThere: 'Finnes i Rapport: åpne',
  failed: 'Registeret kunne ikke søkes i ({{message}}). Du kan fortsatt skrive inn firmaet selv.',
  names: { brreg: 'Enhetsregisteret (Brønnøysund)', prh: 'Det finske foretaksregisteret (PRH)' },
  problems: {
    timeout: '{{registry}} svarte ikke i tide. Du kan fortsatt skrive inn firmaet selv.',
    down: '{{registry}} kan ikke nås akkurat nå. Du kan fortsatt skrive inn firmaet selv.',
  },
};

const sv: typeof en = {
  searching: 'Söker i företagsregistret …',
  hitsTitle: 'Från företagsregistret: välj ett för att fylla i formuläret',
  none: 'Hittades inte i företagsregistret.',
  use: 'Använd',
  alreadyThere: 'Finns redan i Rapport: öppna',
  failed: 'Företagsregistret kunde inte sökas ({{message}}). Du kan fortfarande skriva in företaget själv.',
  names: { brreg: 'Det norska företagsregistret (Brønnøysund)', prh: 'Det finska företagsregistret (PRH)' },
  problems: {
    timeout: '{{registry}} svarade inte i tid. Du kan fortfarande skriva in företaget själv.',
    down: '{{registry}} kan inte nås just nu. Du kan fortfarande skriva in företaget själv.',
  },
};

export const registryStrings = { en, nb, sv };
