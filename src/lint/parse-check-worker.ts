import { answerParseRequests } from '../parse/workers.js';
import { checkParsed, type ParseCheckSetup } from './check.js';

answerParseRequests((postmortems, setup: ParseCheckSetup) => checkParsed(postmortems, setup.check));
