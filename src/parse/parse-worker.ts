import { answerParseRequests } from './workers.js';

answerParseRequests((postmortems) => postmortems);
