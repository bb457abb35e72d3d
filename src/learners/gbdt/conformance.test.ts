// gbdt runs the shared learner conformance suite (few rounds keep it fast).
import { runLearnerConformance } from '../testing/conformance.ts';
import { gbdt } from './index.ts';

runLearnerConformance(gbdt, { params: { rounds: 20, threads: 1 } });
