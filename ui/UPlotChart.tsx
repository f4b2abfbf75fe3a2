import { useEffect, useRef } from 'preact/hooks';
import uPlot, { type AlignedData, type Options } from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** A uPlot chart as a Preact component: created once per options object, data updated in place. */
export function UPlotChart(props: {
  options: Omit<Options, 'width'>;
  data: AlignedData;
  width?: number;
  testid?: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | undefined>(undefined);
  useEffect(() => {
    if (!host.current) return undefined;
    chart.current = new uPlot(
      { ...props.options, width: props.width ?? host.current.clientWidth ?? 360 },
      props.data,
      host.current,
    );
    return () => chart.current?.destroy();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- options are fixed per chart
  }, []);
  useEffect(() => {
    chart.current?.setData(props.data);
  }, [props.data]);
  return <div ref={host} data-testid={props.testid} />;
}

/** Fits a card inside the 400 px popup (body padding and card border included). */
export const CHART_WIDTH = 340;
