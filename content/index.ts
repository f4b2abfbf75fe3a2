import './content.css';
import '../src/zod-setup';
import { createContentContext } from './context';
import { createFeatureContext, startFeatures } from './feature';
import { devFeatures, features } from './feature-list';

function start(): void {
  const ctx = createFeatureContext(createContentContext().signal);
  startFeatures(__CIT_DEV__ ? [...devFeatures, ...features] : features, ctx);
}

start();
